using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp sessions hits|events --session S</c>: follow a session someone else holds (the command keeps no lease).</summary>
internal static class SessionStreamsCommand
{
    public static Command Hits(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var ids = new Option<string[]>("--id") { Description = "Only these reservations (repeat or comma-separate); default: all", AllowMultipleArgumentsPerToken = true };
        var stopping = new HitOptions();
        var command = new Command("hits", "Print a session's hits (WatchHits) until Ctrl+C, --count or --seconds") { session, ids };
        stopping.AddTo(command);
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(
            async () =>
            {
                var request = new WatchHitsRequest { SessionId = parsed.GetRequiredValue(session) };
                request.ReservationIds.AddRange((parsed.GetValue(ids) ?? []).SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries)));
                await using var client = global.Connect(parsed);
                await using var hits = await client.StartWatchHitsAsync(request, ct);
                return await HitPump.RunAsync(null, hits, stopping, parsed, global, ct);
            },
            ct));
        return command;
    }

    public static Command Events(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var stopping = new HitOptions();
        var command = new Command("events", "Print changes to a session's reservations (WatchReservations) and why") { session };
        stopping.AddTo(command);
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(
            async () =>
            {
                await using var client = global.Connect(parsed);
                var request = new WatchReservationsRequest { SessionId = parsed.GetRequiredValue(session) };
                await using var events = await client.StartWatchReservationsAsync(request, ct);
                return await HitPump.RunAsync(null, events, Shapes.Event, Format.Event, stopping, parsed, global, ct);
            },
            ct));
        return command;
    }
}
