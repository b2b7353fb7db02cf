using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp list [--host h1] [--session id]</c>: reservations.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var host = new Option<string?>("--host") { Description = "Only this host's; default: every host the node reaches" };
        var session = new Option<string?>("--session") { Description = "Only this session's" };
        var command = new Command("list", "List reservations") { host, session };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var listed = await client.ListReservationsAsync(parsed.GetValue(host), parsed.GetValue(session), ct);
            var printer = global.Printer(parsed);
            if (listed.Count == 0 && !printer.Json)
            {
                await global.Context.Output.WriteLineAsync("no reservations");
                return CliApp.Ok;
            }

            await printer.WriteAsync(w => Write(w, listed), () => Tables.Reservations(listed));
            return CliApp.Ok;
        });
        return command;
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<Protos.V1.Reservation> listed)
    {
        w.WriteStartObject();
        w.Array("reservations", listed, Shapes.Reservation);
        w.WriteEndObject();
    }
}
