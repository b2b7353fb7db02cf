using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Internal;

namespace HwbpCluster.Hosts.Tests.Support;

/// <summary>The CPU actors' ledgers against the pure core's: the same counts in every pool, and nothing left pending.</summary>
internal static class LedgerComparison
{
    /// <summary>Null when they agree; else the first CPU and pool where they do not.</summary>
    public static string? Against(IReadOnlyList<LedgerCounts> counts, HostArbiter model)
    {
        foreach (var cpu in counts)
        {
            foreach (var pool in (ReadOnlySpan<Pool>)[Pool.Instruction, Pool.Data])
            {
                var actual = (cpu.CpuPinned[(int)pool], cpu.MaxTask[(int)pool]);
                var expected = (model.CpuPinned(cpu.Cpu, pool), model.MaxTaskCount(cpu.Cpu, pool));
                if (actual != expected)
                {
                    return $"cpu {cpu.Cpu} {pool}: ledger (cpuPinned, maxTask) = {actual}, model {expected}";
                }
            }

            if (cpu.PendingHolds != 0 || cpu.Parked != 0)
            {
                return $"cpu {cpu.Cpu} leaked {cpu.PendingHolds} holds and {cpu.Parked} parked prepares";
            }
        }

        return null;
    }
}
