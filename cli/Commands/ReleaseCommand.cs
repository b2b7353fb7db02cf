using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp release --session S --id R</c>: release one reservation.</summary>
internal static class ReleaseCommand
{
    public static Command Create(GlobalOptions global)
    {
        var session = SessionIdOption.Create();
        var id = new Option<string>("--id") { Description = "The reservation, e.g. h1/3", Required = true };
        var command = new Command("release", "Release one reservation of a session") { session, id };
        command.SetAction(async (parsed, ct) =>
        {
            var request = new ReleaseRequest { SessionId = parsed.GetRequiredValue(session), ReservationId = parsed.GetRequiredValue(id) };
            await using var client = global.Connect(parsed);
            await client.ReleaseAsync(request, ct);
            await global.Printer(parsed).WriteAsync(
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("reservationId", request.ReservationId);
                    w.WriteBoolean("released", true);
                    w.WriteEndObject();
                },
                $"released {request.ReservationId}");
            return CliApp.Ok;
        });
        return command;
    }
}
