using System.CommandLine;
using HwbpCluster.Cli.Internal;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp fleet watch --hosts h1,h2 | --label role=db --addr A ...</c>: a new session reserves everywhere, then prints hits.</summary>
internal static class FleetWatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var fleet = new FleetOptions();
        var session = new SessionOptions();
        var stopping = new HitOptions();
        var command = new Command("watch", "Reserve on many hosts in a new session, then print their hits until Ctrl+C, --count or --seconds");
        fleet.AddTo(command);
        session.AddTo(command);
        stopping.AddTo(command);
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(() => RunAsync(parsed, ct), ct));
        return command;

        async Task<int> RunAsync(ParseResult parsed, CancellationToken ct)
        {
            var kind = session.ClientKind(parsed, fleet.Scope(parsed));
            await using var client = global.Connect(parsed);
            await using var opened = await session.OpenSessionAsync(client, parsed, kind, ct);
            var reserved = await fleet.ReserveAsync(client, opened.Id, parsed, global.Context, ct);
            foreach (var outcome in reserved.Outcomes)
            {
                await global.Context.Error.WriteLineAsync(FleetOptions.Outcome(outcome));
            }

            var ids = FleetOptions.Reserved(reserved);
            if (ids.Length == 0)
            {
                await global.Context.Error.WriteLineAsync($"hwbp: {FleetOptions.Summary(reserved)}");
                return CliApp.RpcError;
            }

            await using var hits = await opened.StartWatchHitsAsync(ids, ct);
            await global.Context.Error.WriteLineAsync($"watching {ids.Length} host(s) (Ctrl+C to stop)");
            return await HitPump.RunAsync(opened, hits, stopping, parsed, global, ct);
        }
    }
}
