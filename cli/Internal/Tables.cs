using System.Globalization;
using HwbpCluster.Protos.V1;
using Spectre.Console;

namespace HwbpCluster.Cli.Internal;

/// <summary>The tables people read: a host's CPUs × slots, reservations, members. Shared by the one-shot commands and top.</summary>
internal static class Tables
{
    public static string HostTitle(HostState state)
    {
        var pool = state.SharedPool ? "one shared pool" : "separate pools";
        return string.Create(CultureInfo.InvariantCulture,
            $"host {state.Host} ({state.Arch}, {state.Backend}): " +
            $"{state.DataSlots} data / {state.InstructionSlots} instruction slots per CPU, {pool}") +
            string.Concat(state.Warnings.Select(w => $"\nWARNING: {w}"));
    }

    public static Table Host(HostState state)
    {
        var slots = Format.SlotCount(state);
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
                var slot = cpu.Slots.FirstOrDefault(s => s.Index == i && s.ReservationId.Length > 0);
                row.Add(slot is null ? "-" : $"{slot.ReservationId} {Format.Breakpoint(slot.Breakpoint)}");
            }

            row.Add("0x" + cpu.Dr7.ToString("x8", CultureInfo.InvariantCulture));
            row.Add(cpu.CpuPinned.ToString(CultureInfo.InvariantCulture));
            row.Add(cpu.MaxTaskPinned.ToString(CultureInfo.InvariantCulture));
            row.Add(cpu.BorrowedBySession.Length == 0 ? "-" : cpu.BorrowedBySession);
            table.AddRow(Cells.Of([.. row]));
        }

        return table;
    }

    public static Table Reservations(IEnumerable<Reservation> reservations)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("id", "host", "session", "kind", "scope", "breakpoint", "pinned", "state", "hits", "lost", "label");
        foreach (var r in reservations)
        {
            table.AddRow(Cells.Of(
                r.Id, r.Host, r.SessionId, Names.Kind(r.ClientKind), Format.Scope(r.Scope), Format.Breakpoint(r.Breakpoint),
                r.Pinned ? "yes" : "no", Names.State(r.State), r.Hits.ToString(CultureInfo.InvariantCulture),
                Format.Lost(r.Losses)?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Label));
        }

        return table;
    }

    public static Table Members(ListMembersResponse members)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("node", "address", "cluster address", "status", "reachable", "hosts", "labels");
        foreach (var m in members.Members)
        {
            var node = m.Node == members.Self ? m.Node + " (self)" : m.Node;
            var labels = string.Join(",", m.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            table.AddRow(Cells.Of(node, m.Address, m.ClusterAddress.Length == 0 ? "-" : m.ClusterAddress, Names.Member(m.Status), m.Reachable ? "yes" : "NO", string.Join(",", m.Hosts), labels));
        }

        return table;
    }
}
