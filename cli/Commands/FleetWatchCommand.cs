using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp fleet-watch --hosts h1,h2 | --label role=db --addr A ...</c>: reserve everywhere, then print hits.</summary>
internal static class FleetWatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var breakpoint = new BreakpointOptions();
        var stopping = new HitOptions();
        var hosts = new Option<string[]>("--hosts") { Description = "Host names, comma-separated", AllowMultipleArgumentsPerToken = true };
        var labels = new Option<Dictionary<string, string>>("--label")
        {
            Description = "Every host whose node has these labels, key=value",
            CustomParser = Parsers.Labels,
        };
        var bestEffort = new Option<bool>("--best-effort") { Description = "Keep what succeeded instead of all or nothing" };
        var command = new Command("fleet-watch", "Reserve the same breakpoint on many hosts at once, then print their hits")
        {
            hosts,
            labels,
            bestEffort,
        };
        breakpoint.AddTo(command);
        stopping.AddTo(command);
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(() => RunAsync(parsed, ct), ct));
        return command;

        async Task<int> RunAsync(ParseResult parsed, CancellationToken ct)
        {
            var selector = Selector(parsed.GetValue(hosts), parsed.GetValue(labels));
            var scope = breakpoint.Scope(parsed);
            var mode = parsed.GetValue(bestEffort) ? FleetMode.BestEffort : FleetMode.AllOrNothing;
            await using var client = global.Connect(parsed);
            await using var session = await breakpoint.OpenSessionAsync(client, parsed, breakpoint.ClientKind(parsed, scope), ct);
            var reserved = await session.FleetReserveAsync(selector, breakpoint.Request(parsed, scope), mode, cancellationToken: ct);
            foreach (var outcome in reserved.Outcomes)
            {
                await global.Context.Error.WriteLineAsync(outcome.StatusCode == 0
                    ? $"{outcome.Host}: reserved {Format.Reservation(outcome.Reservation)}"
                    : $"{outcome.Host}: {Format.Status((Grpc.Core.StatusCode)outcome.StatusCode, outcome.Message)}");
            }

            var ids = reserved.Outcomes.Where(o => o.Reservation is not null && o.StatusCode == 0).Select(o => o.Reservation.Id).ToArray();
            if (!reserved.Committed || ids.Length == 0)
            {
                await global.Context.Error.WriteLineAsync("hwbp: the fleet reservation was not committed");
                return CliApp.RpcError;
            }

            await using var hits = await session.StartWatchHitsAsync(ids, ct);
            await global.Context.Error.WriteLineAsync($"watching {ids.Length} host(s) (Ctrl+C to stop)");
            return await HitPump.RunAsync(session, hits, stopping, parsed, global, ct);
        }
    }

    private static HostSelector Selector(string[]? hosts, Dictionary<string, string>? labels)
    {
        var selector = new HostSelector();
        const StringSplitOptions Tidy = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        selector.Hosts.AddRange((hosts ?? []).SelectMany(h => h.Split(',', Tidy)));
        foreach (var (key, value) in labels ?? [])
        {
            selector.Labels[key] = value;
        }

        return selector.Hosts.Count == 0 && selector.Labels.Count == 0
            ? throw new UsageException("say which hosts: --hosts h1,h2 and/or --label key=value")
            : selector;
    }
}
