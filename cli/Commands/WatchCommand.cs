using System.CommandLine;
using HwbpCluster.Cli.Internal;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp watch --addr A | --symbol S [--len L] [--access w] --tid T | --pid P | --cpu C | --all-cpus [--host H] [--count N] [--seconds S]</c></summary>
/// <remarks>Opens a session, reserves, prints hits until stopped, then closes the session (releasing the reservation).</remarks>
internal static class WatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var reservation = new ReservationOptions();
        var session = new SessionOptions();
        var stopping = new HitOptions();
        var host = new Option<string?>("--host") { Description = "The host; default: the node's own" };
        var command = new Command("watch", "Reserve a breakpoint in a new session and print its hits until Ctrl+C, --count or --seconds")
        {
            host,
        };
        reservation.AddTo(command);
        session.AddTo(command);
        stopping.AddTo(command);
        command.SetAction((parsed, ct) => HitPump.UntilCtrlCAsync(() => RunAsync(parsed, ct), ct));
        return command;

        async Task<int> RunAsync(ParseResult parsed, CancellationToken ct)
        {
            // The whole request first: a command line that cannot run as written opens no session.
            var scope = reservation.Scope(parsed);
            var request = reservation.Request(parsed, scope);
            request.Host = parsed.GetValue(host) ?? string.Empty;
            await using var client = global.Connect(parsed);
            await using var opened = await session.OpenSessionAsync(client, parsed, session.ClientKind(parsed, scope), ct);
            var reserved = await opened.ReserveAsync(request, ct);
            await using var hits = await opened.StartWatchHitsAsync([reserved.Id], ct);
            var note = $"reserved {Format.Reservation(reserved)} on {reserved.Host}; watching (Ctrl+C to stop)";
            await global.Context.Error.WriteLineAsync(note);

            // Read before the close that ends the stream: the reservation's own losses go with it.
            Protos.V1.Reservation? counted = null;
            int code = await HitPump.RunAsync(opened, hits, stopping, parsed, global, ct, closing: async () =>
            {
                counted = (await opened.ListReservationsAsync(CancellationToken.None)).FirstOrDefault(r => r.Id == reserved.Id);
                await opened.CloseAsync(CancellationToken.None);
            });
            if (Format.Missed(counted ?? new Protos.V1.Reservation { Id = reserved.Id }, hits.Dropped) is { } missed)
            {
                // Every hit the watch missed is said at its end, by cause.
                await global.Context.Error.WriteLineAsync($"hwbp: {missed}");
            }

            return code;
        }
    }
}
