using System.Globalization;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>Text for people: statuses, scopes, breakpoints, hits and reservations on one line each.</summary>
internal static class Format
{
    /// <summary>"NOT_FOUND: detail", the way gRPC names its codes.</summary>
    public static string Status(int code, string detail) => $"{Names.StatusCode(code)}: {detail}";

    public static string Breakpoint(Breakpoint? breakpoint) =>
        breakpoint is null ? "-" : $"{Names.Access(breakpoint.Access)} {Names.Hex(breakpoint.Address)}/{breakpoint.Length}";

    public static string Scope(Scope? scope) => scope?.TargetCase switch
    {
        Protos.V1.Scope.TargetOneofCase.Cpu => $"cpu {scope.Cpu.Cpu}",
        Protos.V1.Scope.TargetOneofCase.Task => $"tid {scope.Task.Tid}",
        Protos.V1.Scope.TargetOneofCase.TaskOnCpu => $"tid {scope.TaskOnCpu.Tid} on cpu {scope.TaskOnCpu.Cpu}",
        Protos.V1.Scope.TargetOneofCase.AllCpus => "all cpus",
        Protos.V1.Scope.TargetOneofCase.Process => $"pid {scope.Process.Pid}",
        _ => "-",
    };

    /// <summary>One hit; a write read back after it ends with its new value, as gdb shows it.</summary>
    public static string Hit(HitEvent hit)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"hit {hit.ReservationId} cpu {hit.Cpu} tid {hit.Tid} {Names.Access(hit.Access)} {Names.Hex(hit.Address)} ip {Names.Hex(hit.Ip)} slot {hit.Slot} dr6 {Names.Hex(hit.Dr6)}");
        return Names.ValueAfter(hit.ValueAfter) is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"{line} new value {value} ({Names.Hex(value)})")
            : line;
    }

    /// <summary>Hits the kernel counted that reached no watcher, in all: null where the host counts none (sim).</summary>
    public static ulong? Lost(HitLosses? losses) => losses is null ? null : losses.Kernel + losses.Reader + losses.Corrupt;

    /// <summary>
    /// What a watch missed, for its end: the reservation's losses by cause and the events the node dropped toward this
    /// stream (<paramref name="dropped"/>, known when the node ended it); null when nothing was missed.
    /// </summary>
    public static string? Missed(Reservation r, long? dropped)
    {
        var causes = new List<string>();
        if (r.Losses is { } l)
        {
            AddCause(causes, l.Kernel, "the kernel's ring was full");
            AddCause(causes, l.Reader, "the node's reader fell behind");
            AddCause(causes, l.Corrupt, "in corrupt records");
        }

        AddCause(causes, (ulong)Math.Max(0, dropped ?? 0), "dropped toward this watch, read too slowly");
        return causes.Count == 0 ? null : $"{r.Id} missed hits: {string.Join("; ", causes)}";
    }

    private static void AddCause(List<string> causes, ulong count, string why)
    {
        if (count > 0)
        {
            causes.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {why}"));
        }
    }

    public static string Reservation(Reservation r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Id} {Breakpoint(r.Breakpoint)} on {Scope(r.Scope)} ({Names.Kind(r.ClientKind)}, {Names.State(r.State)})");

    public static string Event(ReservationEvent e) =>
        $"{Names.State(e.Reservation?.State ?? ReservationState.Unspecified)} {(e.Reservation is null ? "-" : Reservation(e.Reservation))}: {e.Reason}";

    /// <summary>How many CPU slots a host's table shows: the most the host has in either pool, or the highest armed index.</summary>
    public static int SlotCount(HostState state)
    {
        var armed = state.Cpus.Count == 0 ? 0 : state.Cpus.Max(c => c.Slots.Count == 0 ? 0 : (int)c.Slots.Max(s => s.Index) + 1);
        return Math.Max(armed, (int)Math.Max(state.DataSlots, state.InstructionSlots));
    }
}
