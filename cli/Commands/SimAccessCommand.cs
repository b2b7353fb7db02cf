using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
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
            var kind = parsed.GetValue(access) is var a and not Access.Unspecified ? a : Access.Write;
            var hits = await client.AccessAsync(
                parsed.GetValue(tid), parsed.GetValue(address), parsed.GetValue(length), kind, parsed.GetValue(ip), parsed.GetValue(host), ct);
            var printer = global.Printer(parsed);
            if (printer.Json)
            {
                await printer.WriteAsync(
                    w =>
                    {
                        w.WriteStartObject();
                        w.Array("hits", hits, Shapes.Hit);
                        w.WriteEndObject();
                    },
                    string.Empty);
            }
            else
            {
                foreach (var hit in hits)
                {
                    await global.Context.Output.WriteLineAsync(Format.Hit(hit));
                }

                await global.Context.Output.WriteLineAsync(hits.Count == 0 ? "no hits" : $"{hits.Count} hit(s)");
            }

            return CliApp.Ok;
        });
        return command;
    }
}
