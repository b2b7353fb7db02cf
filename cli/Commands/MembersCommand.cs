using System.CommandLine;
using HwbpCluster.Cli.Internal;
using Spectre.Console;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp members</c>: the cluster's members as the node sees them.</summary>
internal static class MembersCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("members", "List the cluster's members");
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var members = await client.ListMembersAsync(ct);
            await global.Printer(parsed).WriteAsync(members, () =>
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("node", "address", "status", "reachable", "hosts", "labels");
                foreach (var m in members.Members)
                {
                    var node = m.Node == members.Self ? m.Node + " (self)" : m.Node;
                    var labels = string.Join(",", m.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
                    table.AddRow(Cells.Of(node, m.Address, m.Status.ToString().ToUpperInvariant(), m.Reachable ? "yes" : "NO",
                        string.Join(",", m.Hosts), labels));
                }

                return table;
            });
            return CliApp.Ok;
        });
        return command;
    }
}
