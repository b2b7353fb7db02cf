using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What a negotiation asks of which ledgers (see <see cref="Plan"/>).</summary>
internal sealed record PlanShape(int[] Cpus, LedgerChange[]? Increases, LedgerChange[][]? Decreases)
{
    /// <summary>The summary ledger's part (position 0), or null.</summary>
    public SummaryPart? Summary { get; init; }

    public CpuBoundEffect? Effect { get; init; }

    public TaskArmed? TaskArmed { get; init; }

    public Linearization? Tag { get; init; }

    /// <summary>A hold for a coordinator outside the host (fleet prepare): once every ledger holds, this is called with the
    /// decision to make later (true: commit, false: abort) instead of committing at once. Null: commit as soon as all hold.</summary>
    public Action<Action<bool>>? OnHeld { get; init; }

    /// <summary>A CPU-bound plan (CPU-bound, wide, or a modify of one across pools): a summary part and CPUs. Task plans touch
    /// either the summary or the CPUs, never both.</summary>
    public bool CpuBound => Summary is not null && Cpus.Length > 0;

    /// <summary>Ledgers in the plan.</summary>
    public int Length => Cpus.Length + (Summary is null ? 0 : 1);

    /// <summary>A plan on the summary alone (a uniform task's change).</summary>
    public static PlanShape SummaryOnly(SummaryPart part) => new([], null, null) { Summary = part };
}
