namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>The shapes of change a CPU ledger accepts.</summary>
public enum LedgerChangeKind
{
    /// <summary>One more CPU-bound breakpoint on this CPU (needs room).</summary>
    AddCpuBound = 0,

    /// <summary>One CPU-bound breakpoint fewer on this CPU (never needs room).</summary>
    RemoveCpuBound = 1,

    /// <summary>A task's count of breakpoints that apply on this CPU moves by one (up needs room, down never does).</summary>
    TaskStep = 2,
}
