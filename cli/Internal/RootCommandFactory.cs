using System.CommandLine;
using HwbpCluster.Cli.Commands;

namespace HwbpCluster.Cli.Internal;

/// <summary>Builds the hwbp command tree.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create(CliContext context)
    {
        var global = new GlobalOptions(context);
        var root = new RootCommand("hwbp: reserve hardware breakpoints on an HwbpCluster node and watch their hits")
        {
            global.Node,
            global.Token,
            global.Output,
            global.Json,
            global.Ca,
            global.Cert,
            global.Key,
            HealthCommand.Create(global),
            MembersCommand.Create(global),
            HostCommand.Create(global),
            ListCommand.Create(global),
            SessionsCommand.Create(global),
            ReserveCommand.Create(global),
            ModifyCommand.Create(global),
            ReleaseCommand.Create(global),
            WatchCommand.Create(global),
            FleetCommand.Create(global),
            GuestCommand.Create(global),
            TopCommand.Create(global),
            SimCommand.Create(global),
        };
        return root;
    }
}
