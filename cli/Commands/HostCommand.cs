using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp host [--host h1]</c>: a host's CPUs × slots, with each CPU's DR7 image in hex.</summary>
internal static class HostCommand
{
    public static Command Create(GlobalOptions global)
    {
        var host = new Option<string?>("--host") { Description = "The host; default: the node's own" };
        var command = new Command("host", "Show a host's CPUs, what each slot holds, and DR7") { host };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var state = await client.GetHostAsync(parsed.GetValue(host), ct);
            var printer = global.Printer(parsed);
            if (!printer.Json)
            {
                await global.Context.Output.WriteLineAsync(Tables.HostTitle(state));
            }

            await printer.WriteAsync(w => Shapes.Host(w, state), () => Tables.Host(state));
            return CliApp.Ok;
        });
        return command;
    }
}
