using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Commands;

/// <summary><c>hwbp sim access --tid T --addr A [--len L] [--access w] [--ip IP]</c>: a task touches memory.</summary>
internal static class SimAccessCommand
{
    public static Command Create(GlobalOptions global, Option<string?> host)
    {
        var tid = new Option<ulong>("--tid") { Description = "A task running on some CPU", Required = true, CustomParser = Parsers.Number };
        var address = new Option<ulong>("--addr")
        {
            Description = "Address, hex (0x...) or decimal",
            Required = true,
            CustomParser = Parsers.Number,
        };
        var length = new Option<uint>("--len")
        {
            Description = "Bytes accessed",
            DefaultValueFactory = _ => 1,
            CustomParser = Parsers.Number32,
        };
        var access = new Option<Access>("--access")
        {
            Description = "x, w or r; default w",
            HelpName = "x|w|r",
            CustomParser = Parsers.Access,
        };
        var ip = new Option<ulong>("--ip") { Description = "The instruction pointer", CustomParser = Parsers.Number };
        var command = new Command("access", "A running task touches memory; print the hits it causes") { tid, address, length, access, ip };
        command.SetAction(async (parsed, ct) =>
        {
            await using var client = global.Connect(parsed);
            var request = new AccessRequest
            {
                Host = parsed.GetValue(host) ?? "",
                Tid = parsed.GetValue(tid),
                Address = parsed.GetValue(address),
                Length = parsed.GetValue(length),
                Access = parsed.GetValue(access) is var kind and not Access.Unspecified ? kind : Access.Write,
                Ip = parsed.GetValue(ip),
            };
            var response = await client.AccessAsync(request, ct);
            var printer = global.Printer(parsed);
            if (printer.Json)
            {
                await printer.WriteAsync(response, string.Empty);
            }
            else
            {
                foreach (var hit in response.Hits)
                {
                    await global.Context.Output.WriteLineAsync(Format.Hit(hit));
                }

                await global.Context.Output.WriteLineAsync(response.Hits.Count == 0 ? "no hits" : $"{response.Hits.Count} hit(s)");
            }

            return CliApp.Ok;
        });
        return command;
    }
}
