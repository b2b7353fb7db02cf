namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>One step of change to one pool of one CPU ledger.</summary>
/// <remarks>
/// A task step carries the task's count on this CPU before and after, because a CPU ledger keeps only a histogram of
/// task counts, not the tasks: the task's owner (its <see cref="TaskLedger"/>) knows the count.
/// </remarks>
public readonly record struct LedgerChange
{
    private LedgerChange(LedgerChangeKind kind, Pool pool, long id, int from, int to)
    {
        Kind = kind;
        Pool = pool;
        Id = id;
        From = from;
        To = to;
    }

    /// <summary>The shape of the change.</summary>
    public LedgerChangeKind Kind { get; }

    /// <summary>The pool the change is accounted in.</summary>
    public Pool Pool { get; }

    /// <summary>The reservation id for CPU-bound changes, the task id for task steps.</summary>
    public long Id { get; }

    /// <summary>For task steps: the task's count on this CPU before the change.</summary>
    public int From { get; }

    /// <summary>For task steps: the task's count on this CPU after the change (From ± 1, or any count for a move).</summary>
    public int To { get; }

    /// <summary>True when the change takes room (one more CPU-bound, or a task count going up).</summary>
    public bool IsIncrease => Kind == LedgerChangeKind.AddCpuBound || (Kind == LedgerChangeKind.TaskStep && To > From);

    /// <summary>One more CPU-bound breakpoint (reservation <paramref name="reservationId"/>) in <paramref name="pool"/>.</summary>
    public static LedgerChange AddCpuBound(Pool pool, long reservationId) => new(LedgerChangeKind.AddCpuBound, pool, reservationId, 0, 1);

    /// <summary>Reservation <paramref name="reservationId"/>'s CPU-bound breakpoint leaves <paramref name="pool"/>.</summary>
    public static LedgerChange RemoveCpuBound(Pool pool, long reservationId) => new(LedgerChangeKind.RemoveCpuBound, pool, reservationId, 1, 0);

    /// <summary>Task <paramref name="taskId"/>'s count on this CPU goes from <paramref name="from"/> to from + 1.</summary>
    public static LedgerChange TaskUp(Pool pool, long taskId, int from)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        return new(LedgerChangeKind.TaskStep, pool, taskId, from, from + 1);
    }

    /// <summary>Task <paramref name="taskId"/>'s count on this CPU goes from <paramref name="from"/> to from − 1.</summary>
    public static LedgerChange TaskDown(Pool pool, long taskId, int from)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        return new(LedgerChangeKind.TaskStep, pool, taskId, from, from - 1);
    }

    /// <summary>Task <paramref name="taskId"/>'s count on this CPU jumps from <paramref name="from"/> to <paramref name="to"/>:
    /// a task's counts moving between the summary and the CPU ledgers in one change per CPU.</summary>
    public static LedgerChange TaskMove(Pool pool, long taskId, int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        return new(LedgerChangeKind.TaskStep, pool, taskId, from, to);
    }

    /// <summary>Text such as <c>task 42 data 1→2</c>.</summary>
    public override string ToString() => Kind switch
    {
        LedgerChangeKind.AddCpuBound => $"+cpu-bound r{Id} {Pool}",
        LedgerChangeKind.RemoveCpuBound => $"-cpu-bound r{Id} {Pool}",
        _ => $"task {Id} {Pool} {From}→{To}",
    };
}
