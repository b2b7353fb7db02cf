using System.CommandLine;
using System.Globalization;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Protos.V1;
using Spectre.Console;

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
                await global.Context.Output.WriteLineAsync(Title(state));
            }

            await printer.WriteAsync(state, () => Table(state));
            return CliApp.Ok;
        });
        return command;
    }

    private static string Title(HostState state)
    {
        var pool = state.SharedPool ? "one shared pool" : "separate pools";
        return string.Create(CultureInfo.InvariantCulture,
            $"host {state.Host} ({state.Arch}, {state.Backend}): " +
            $"{state.DataSlots} data / {state.InstructionSlots} instruction slots per CPU, {pool}") +
            string.Concat(state.Warnings.Select(w => $"\nWARNING: {w}"));
    }

    private static Table Table(HostState state)
    {
        var slots = state.Cpus.Count == 0 ? 0 : state.Cpus.Max(c => c.Slots.Count == 0 ? 0 : (int)c.Slots.Max(s => s.Index) + 1);
        slots = Math.Max(slots, (int)Math.Max(state.DataSlots, state.InstructionSlots));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("cpu").AddColumn("running");
        for (var i = 0; i < slots; i++)
        {
            table.AddColumn(string.Create(CultureInfo.InvariantCulture, $"DR{i}"));
        }

        table.AddColumns("DR7", "cpu-pinned", "task-max", "guest");
        foreach (var cpu in state.Cpus)
        {
            var row = new List<string>
            {
                cpu.Cpu.ToString(CultureInfo.InvariantCulture),
                cpu.RunningTid == 0 ? "idle" : $"tid {cpu.RunningTid}",
            };
            for (var i = 0u; i < slots; i++)
            {
                var slot = cpu.Slots.FirstOrDefault(s => s.Index == i);
                var free = slot is null || slot.ReservationId.Length == 0;
                row.Add(free ? "-" : $"{slot!.ReservationId} {Format.Breakpoint(slot.Breakpoint)}");
            }

            row.Add("0x" + cpu.Dr7.ToString("x8", CultureInfo.InvariantCulture));
            row.Add(cpu.CpuPinned.ToString(CultureInfo.InvariantCulture));
            row.Add(cpu.MaxTaskPinned.ToString(CultureInfo.InvariantCulture));
            row.Add(cpu.BorrowedBySession.Length == 0 ? "-" : cpu.BorrowedBySession);
            table.AddRow(Cells.Of([.. row]));
        }

        return table;
    }
}
