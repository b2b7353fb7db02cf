namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>One breakpoint of a task as its ledger sees it.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Pool">The pool it is accounted in.</param>
/// <param name="Cpu">The one CPU it applies on, or -1 for every CPU.</param>
/// <param name="Counted">True when it holds a slot (pinned and not suspended); flexible and suspended ones do not.</param>
public readonly record struct TaskBreakpoint(long ReservationId, Pool Pool, int Cpu, bool Counted)
{
    /// <summary>True when the breakpoint applies on <paramref name="cpu"/>.</summary>
    public bool AppliesOn(int cpu) => Cpu < 0 || Cpu == cpu;
}
