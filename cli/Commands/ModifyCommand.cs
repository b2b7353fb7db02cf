using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp modify --session S --id R --addr A [--len L] [--access w]</c>: move a reservation, keeping its scope.</summary>
internal static class ModifyCommand
{
    public static Command Create(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var id = new Option<string>("--id") { Description = "The reservation, e.g. h1/3", Required = true };
        var breakpoint = new BreakpointOptions();
        var command = new Command("modify", "Move a reservation to a new address, length or access (same scope)") { session, id };
        breakpoint.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var request = new ModifyRequest
            {
                SessionId = parsed.GetRequiredValue(session), ReservationId = parsed.GetRequiredValue(id), Breakpoint = breakpoint.Breakpoint(parsed),
            };
            await using var client = global.Connect(parsed);
            var modified = (await client.ModifyAsync(request, ct)).Reservation;
            await global.Printer(parsed).WriteAsync(w => Shapes.Reservation(w, modified), $"modified {Format.Reservation(modified)}");
            return CliApp.Ok;
        });
        return command;
    }
}
