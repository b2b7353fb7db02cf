namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>One change to one pool of a <see cref="SummaryLedger"/>: a uniform task's count, or a CPU-bound count on one CPU or on all.</summary>
/// <remarks>A uniform task has the same count on every CPU (no task-on-CPU breakpoints), so one change stands for all CPUs.</remarks>
public readonly record struct SummaryChange
{
    private SummaryChange(LedgerChangeKind kind, Pool pool, long id, int from, int to, int cpu)
    {
        Kind = kind;
        Pool = pool;
        Id = id;
        From = from;
        To = to;
        Cpu = cpu;
    }

    /// <summary>The shape of the change.</summary>
    public LedgerChangeKind Kind { get; }

    /// <summary>The pool the change is accounted in.</summary>
    public Pool Pool { get; }

    /// <summary>The reservation id for CPU-bound changes, the task id for task moves.</summary>
    public long Id { get; }

    /// <summary>For task moves: the task's count on every CPU before the change.</summary>
    public int From { get; }

    /// <summary>For task moves: the task's count on every CPU after the change.</summary>
    public int To { get; }

    /// <summary>For CPU-bound changes: the CPU, or -1 for every CPU (wide).</summary>
    public int Cpu { get; }

    /// <summary>True when the change takes room (one more CPU-bound, or a task count going up).</summary>
    public bool IsIncrease => Kind == LedgerChangeKind.AddCpuBound || (Kind == LedgerChangeKind.TaskStep && To > From);

    /// <summary>One more CPU-bound breakpoint on <paramref name="cpu"/> (-1: on every CPU).</summary>
    public static SummaryChange AddCpuBound(Pool pool, long reservationId, int cpu) => new(LedgerChangeKind.AddCpuBound, pool, reservationId, 0, 1, cpu);

    /// <summary>A CPU-bound breakpoint leaves <paramref name="cpu"/> (-1: every CPU).</summary>
    public static SummaryChange RemoveCpuBound(Pool pool, long reservationId, int cpu) => new(LedgerChangeKind.RemoveCpuBound, pool, reservationId, 1, 0, cpu);

    /// <summary>A uniform task's count goes from <paramref name="from"/> to <paramref name="to"/> on every CPU.</summary>
    public static SummaryChange TaskMove(Pool pool, long taskId, int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        return new(LedgerChangeKind.TaskStep, pool, taskId, from, to, -1);
    }

    /// <summary>Text such as <c>uniform task 42 data 1→2</c>.</summary>
    public override string ToString() => Kind switch
    {
        LedgerChangeKind.AddCpuBound => $"+cpu-bound r{Id} {Pool} on {(Cpu < 0 ? "every cpu" : $"cpu {Cpu}")}",
        LedgerChangeKind.RemoveCpuBound => $"-cpu-bound r{Id} {Pool} on {(Cpu < 0 ? "every cpu" : $"cpu {Cpu}")}",
        _ => $"uniform task {Id} {Pool} {From}→{To}",
    };
}
