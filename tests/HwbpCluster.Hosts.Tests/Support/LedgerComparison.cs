using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Internal;

namespace HwbpCluster.Hosts.Tests.Support;

/// <summary>Compares the host actors' ledgers (the CPUs' merged with the summary's) with the pure core's at quiescence.</summary>
internal static class LedgerComparison
{
    /// <summary>Null when they agree; else the first CPU and pool where they do not, or the ledger that leaked.</summary>
    public static string? Against(IReadOnlyList<LedgerCounts> counts, HostArbiter model)
    {
        if (counts.Count != model.Profile.CpuCount + 1 || counts[^1].Cpu != -1)
        {
            return $"{counts.Count} ledgers for {model.Profile.CpuCount} cpus: the summary must come last";
        }

        foreach (var cpu in counts)
        {
            var name = cpu.Cpu < 0 ? "the summary" : $"cpu {cpu.Cpu}";
            if (cpu.PendingHolds != 0 || cpu.Parked != 0)
            {
                return $"{name} leaked {cpu.PendingHolds} holds and {cpu.Parked} parked prepares";
            }

            if (cpu.Cpu < 0)
            {
                continue;
            }

            foreach (var pool in (ReadOnlySpan<Pool>)[Pool.Instruction, Pool.Data])
            {
                var actual = (cpu.CpuPinned[(int)pool], cpu.MaxTask[(int)pool]);
                var expected = (model.CpuPinned(cpu.Cpu, pool), model.MaxTaskCount(cpu.Cpu, pool));
                if (actual != expected)
                {
                    return $"cpu {cpu.Cpu} {pool}: ledger (cpuPinned, maxTask) = {actual}, model {expected}";
                }

                if (cpu.SummaryCpuPinned![(int)pool] != expected.Item1)
                {
                    return $"cpu {cpu.Cpu} {pool}: the summary counts {cpu.SummaryCpuPinned[(int)pool]} cpu-bound, model {expected.Item1}";
                }
            }
        }

        return null;
    }
}
