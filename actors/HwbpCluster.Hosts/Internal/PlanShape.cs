using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What a negotiation asks of which CPUs (see <see cref="Plan"/>).</summary>
internal sealed record PlanShape(int[] Cpus, LedgerChange[]? Increases, LedgerChange[][]? Decreases)
{
    public CpuBoundEffect? Effect { get; init; }

    public TaskArmed? TaskArmed { get; init; }

    public Linearization? Tag { get; init; }

    /// <summary>A hold for a coordinator outside the host (fleet prepare): once every CPU holds, this is called with the
    /// decision to make later (true: commit, false: abort) instead of committing at once. Null: commit as soon as all hold.</summary>
    public Action<Action<bool>>? OnHeld { get; init; }
}
