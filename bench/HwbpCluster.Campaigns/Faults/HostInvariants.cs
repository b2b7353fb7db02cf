using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// The safety invariants of one host's view, read by the fault campaign's poller: no CPU with more breakpoints armed than
/// it has slots, no slot with two holders, no reservation armed twice on one CPU, and the accounting within the slots.
/// </summary>
public static class HostInvariants
{
    /// <summary>Every invariant <paramref name="host"/> breaks, in words; empty when it keeps them all.</summary>
    public static IEnumerable<string> Violations(HostState host)
    {
        var capacity = (int)(host.SharedPool ? host.DataSlots : host.InstructionSlots + host.DataSlots);
        foreach (var cpu in host.Cpus)
        {
            var where = $"{host.Host} cpu {cpu.Cpu}";
            var armed = cpu.Slots.Where(s => s.ReservationId.Length > 0).ToList();
            if (armed.Count > capacity)
            {
                yield return $"{where}: {armed.Count} breakpoints armed on {capacity} slots";
            }

            foreach (var slot in cpu.Slots.GroupBy(s => s.Index).Where(g => g.Count(s => s.ReservationId.Length > 0) > 1))
            {
                yield return $"{where}: slot {slot.Key} held by {string.Join(" and ", slot.Select(s => s.ReservationId))}";
            }

            foreach (var twice in armed.GroupBy(s => s.ReservationId).Where(g => g.Count() > 1))
            {
                yield return $"{where}: {twice.Key} armed in {twice.Count()} slots";
            }

            if (cpu.CpuPinned + cpu.MaxTaskPinned > capacity)
            {
                yield return $"{where}: accounting of {cpu.CpuPinned} CPU-bound + {cpu.MaxTaskPinned} task-bound on {capacity} slots";
            }
        }
    }
}
