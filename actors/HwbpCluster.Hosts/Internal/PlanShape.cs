using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What a negotiation asks of which CPUs (see <see cref="Plan"/>).</summary>
internal sealed record PlanShape(int[] Cpus, LedgerChange[]? Increases, LedgerChange[][]? Decreases)
{
    public CpuBoundEffect? Effect { get; init; }

    public TaskArmed? TaskArmed { get; init; }

    public Linearization? Tag { get; init; }
}
