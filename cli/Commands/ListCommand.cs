using System.CommandLine;
using System.Globalization;
using HwbpCluster.Cli.Internal;
using Spectre.Console;

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
            var request = new Protos.V1.ListReservationsRequest
            {
                Host = parsed.GetValue(host) ?? "",
                SessionId = parsed.GetValue(session) ?? "",
            };
            var listed = await client.ListReservationsAsync(request, ct);
            var printer = global.Printer(parsed);
            if (listed.Reservations.Count == 0 && !printer.Json)
            {
                await global.Context.Output.WriteLineAsync("no reservations");
                return CliApp.Ok;
            }

            await printer.WriteAsync(listed, () =>
            {
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumns("id", "host", "session", "kind", "scope", "breakpoint", "pinned", "state", "hits", "label");
                foreach (var r in listed.Reservations)
                {
                    table.AddRow(Cells.Of(
                        r.Id, r.Host, r.SessionId, Format.Kind(r.ClientKind), Format.Scope(r.Scope), Format.Breakpoint(r.Breakpoint),
                        r.Pinned ? "yes" : "no", Format.State(r.State), r.Hits.ToString(CultureInfo.InvariantCulture), r.Label));
                }

                return table;
            });
            return CliApp.Ok;
        });
        return command;
    }
}
