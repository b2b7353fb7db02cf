using System.CommandLine;
using System.Globalization;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>A fleet reservation: the hosts, the reservation made on each, --best-effort, --tid-on host=tid.</summary>
internal sealed class FleetOptions
{
    public HostSelectorOptions Hosts { get; } = new();

    public ReservationOptions Reservation { get; } = new();

    public Option<bool> BestEffort { get; } = new("--best-effort") { Description = "Keep what succeeded instead of all or nothing" };

    public Option<Dictionary<string, string>> TidOn { get; } = new("--tid-on")
    {
        Description = "Task scopes: the tid on each host, host=tid[,host=tid] (default: --tid everywhere)",
        CustomParser = Parsers.Labels,
    };

    public void AddTo(Command command)
    {
        Hosts.AddTo(command);
        Reservation.AddTo(command);
        command.Add(BestEffort);
        command.Add(TidOn);
    }

    /// <summary>The scope of the reservation (for the session's default kind).</summary>
    public Scope Scope(ParseResult parsed) => Reservation.Scope(parsed);

    /// <summary>Reserves on every selected host for <paramref name="sessionId"/>, showing progress; returns the node's answer.</summary>
    public async Task<FleetReserveResponse> ReserveAsync(
        HwbpClient client, string sessionId, ParseResult parsed, CliContext context, CancellationToken cancellationToken)
    {
        var selector = Hosts.Selector(parsed, required: true);
        var request = new FleetReserveRequest
        {
            SessionId = sessionId,
            Selector = selector,
            Template = Reservation.Request(parsed, Scope(parsed)),
            Mode = parsed.GetValue(BestEffort) ? FleetMode.BestEffort : FleetMode.AllOrNothing,
        };
        foreach (var (host, tid) in parsed.GetValue(TidOn) ?? [])
        {
            request.TidByHost[host] = Parsers.TryNumber(tid, out var value)
                ? value
                : throw new UsageException($"--tid-on {host}={tid}: '{tid}' is not a tid");
        }

        var doing = $"reserving {Format.Breakpoint(request.Template.Breakpoint)} on {HostSelectorOptions.Describe(selector)}";
        return await Progress.ShowAsync(context, doing, () => client.FleetReserveAsync(request, cancellationToken));
    }

    /// <summary>"h1: reserved ..." or "h2: RESOURCE_EXHAUSTED: ...", one line per host.</summary>
    public static string Outcome(HostOutcome outcome) => outcome.StatusCode == 0
        ? $"{outcome.Host}: reserved {Format.Reservation(outcome.Reservation)}"
        : $"{outcome.Host}: {Format.Status(outcome.StatusCode, outcome.Message)}";

    /// <summary>{"committed", "outcomes": [...]} (cli/README.md).</summary>
    public static void Write(System.Text.Json.Utf8JsonWriter w, FleetReserveResponse reserved)
    {
        w.WriteStartObject();
        w.WriteBoolean("committed", reserved.Committed);
        w.Array("outcomes", reserved.Outcomes, Shapes.Outcome);
        w.WriteEndObject();
    }

    /// <summary>The ids reserved, when the node committed the fleet reservation.</summary>
    public static string[] Reserved(FleetReserveResponse reserved) => reserved.Committed
        ? [.. reserved.Outcomes.Where(o => o.StatusCode == 0 && o.Reservation is not null).Select(o => o.Reservation.Id)]
        : [];

    public static string Summary(FleetReserveResponse reserved) => string.Create(CultureInfo.InvariantCulture,
        $"{(reserved.Committed ? "committed" : "not committed")}: {Reserved(reserved).Length} of {reserved.Outcomes.Count} host(s) reserved");
}
