using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp reserve --session S (--addr A | --symbol S) ... (--tid T | --pid P | --cpu C | --all-cpus) [--host H]</c>: one reservation for a session.</summary>
/// <remarks>The session is one <c>hwbp sessions open</c> made; the reservation lives until released or the session ends.</remarks>
internal static class ReserveCommand
{
    public static Command Create(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var reservation = new ReservationOptions();
        var host = new Option<string?>("--host") { Description = "The host; default: the node's own" };
        var command = new Command("reserve", "Reserve a breakpoint for a session (see 'hwbp sessions open')") { session, host };
        reservation.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var request = reservation.Request(parsed, reservation.Scope(parsed));
            request.SessionId = parsed.GetRequiredValue(session);
            request.Host = parsed.GetValue(host) ?? string.Empty;
            await using var client = global.Connect(parsed);
            var reserved = (await client.ReserveAsync(request, ct)).Reservation;
            await global.Printer(parsed).WriteAsync(w => Shapes.Reservation(w, reserved), $"reserved {Format.Reservation(reserved)} on {reserved.Host}");
            return CliApp.Ok;
        });
        return command;
    }
}
