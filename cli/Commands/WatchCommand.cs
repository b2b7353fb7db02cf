using System.CommandLine;
using HwbpCluster.Cli.Internal;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp watch --addr A [--len L] [--access w] --tid T | --cpu C | --all-cpus [--host H] [--count N] [--seconds S]</c></summary>
/// <remarks>Opens a session, reserves, prints hits until stopped, then closes the session (releasing the reservation).</remarks>
internal static class WatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var breakpoint = new BreakpointOptions();
        var stopping = new HitOptions();
        var host = new Option<string?>("--host") { Description = "The host; default: the node's own" };
        var command = new Command("watch", "Reserve a breakpoint and print its hits until Ctrl+C, --count or --seconds") { host };
        breakpoint.AddTo(command);
        stopping.AddTo(command);
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(() => RunAsync(parsed, ct), ct));
        return command;

        async Task<int> RunAsync(ParseResult parsed, CancellationToken ct)
        {
            var scope = breakpoint.Scope(parsed);
            await using var client = global.Connect(parsed);
            await using var session = await breakpoint.OpenSessionAsync(client, parsed, breakpoint.ClientKind(parsed, scope), ct);
            var request = breakpoint.Request(parsed, scope);
            request.Host = parsed.GetValue(host) ?? string.Empty;
            var reservation = await session.ReserveAsync(request, ct);
            await using var hits = await session.StartWatchHitsAsync([reservation.Id], ct);
            var note = $"reserved {Format.Reservation(reservation)} on {reservation.Host}; watching (Ctrl+C to stop)";
            await global.Context.Error.WriteLineAsync(note);
            return await HitPump.RunAsync(session, hits, stopping, parsed, global, ct);
        }
    }
}
