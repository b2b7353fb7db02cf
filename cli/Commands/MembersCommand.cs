using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;

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
            await global.Printer(parsed).WriteAsync(
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("self", members.Self);
                    w.Array("members", members.Members, Shapes.Member);
                    w.WriteEndObject();
                },
                () => Tables.Members(members));
            return CliApp.Ok;
        });
        return command;
    }
}
