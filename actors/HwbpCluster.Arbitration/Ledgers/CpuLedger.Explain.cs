using HwbpCluster.Arbitration.Ledgers.Internal;

namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>Naming who holds the slots when a change does not fit.</summary>
public sealed partial class CpuLedger
{
    /// <summary>Who holds the slots that <paramref name="change"/> would need, counting pending holds. O(slots).</summary>
    public SlotHolders Explain(in LedgerChange change)
    {
        var p = _pools[(int)change.Pool];
        var name = Profile.PoolName(change.Pool);
        var cpuBound = p.CpuBoundIds.ToArray();
        if (change.Kind == LedgerChangeKind.TaskStep)
        {
            return new SlotHolders(Cpu, name, p.Slots, cpuBound, change.Id, change.From);
        }

        var max = PoolLedger.Max(p.ProjectedHist);
        return new SlotHolders(Cpu, name, p.Slots, cpuBound, max == 0 ? 0 : p.Witness[max], max);
    }
}
