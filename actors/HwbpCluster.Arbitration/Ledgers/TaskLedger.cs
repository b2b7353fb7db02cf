namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>One task's breakpoints and its count per CPU and pool: cnt(T, c) = task-wide count + count bound to c.</summary>
/// <remarks>
/// Counts per CPU are sparse (most tasks have only task-wide breakpoints), so a task costs O(its breakpoints) memory
/// whatever the CPU count. The owner (a TaskActor, or the <c>HostArbiter</c>) changes the ledger once the CPU ledgers have
/// committed the matching <see cref="LedgerChange"/>s, made with <see cref="StepUp"/> and <see cref="StepDown"/>.
/// Not thread-safe.
/// </remarks>
public sealed class TaskLedger
{
    private readonly Dictionary<long, TaskBreakpoint> _breakpoints = [];
    private readonly int[] _wide = new int[2];
    private Dictionary<int, int>? _onCpu;

    /// <summary>Creates the empty ledger of task <paramref name="taskId"/>.</summary>
    public TaskLedger(long taskId) => TaskId = taskId;

    /// <summary>The task (thread id).</summary>
    public long TaskId { get; }

    /// <summary>The task's breakpoints, counted or not.</summary>
    public IReadOnlyCollection<TaskBreakpoint> Breakpoints => _breakpoints.Values;

    /// <summary>Number of breakpoints the task has, counted or not.</summary>
    public int BreakpointCount => _breakpoints.Count;

    /// <summary>cnt(T, c): the task's counted breakpoints in <paramref name="pool"/> that apply on <paramref name="cpu"/>.</summary>
    public int Count(int cpu, Pool pool) =>
        _wide[(int)pool] + (_onCpu is null ? 0 : _onCpu.GetValueOrDefault(Key(cpu, pool)));

    /// <summary>True when the task has counted breakpoints bound to single CPUs, so its count differs between CPUs.</summary>
    public bool HasCpuBoundCounts => _onCpu is { Count: > 0 };

    /// <summary>The task's counted task-wide breakpoints in <paramref name="pool"/>.</summary>
    public int WideCount(Pool pool) => _wide[(int)pool];

    /// <summary>The change that one more counted breakpoint in <paramref name="pool"/> makes on <paramref name="cpu"/>.</summary>
    public LedgerChange StepUp(int cpu, Pool pool) => LedgerChange.TaskUp(pool, TaskId, Count(cpu, pool));

    /// <summary>The change that one counted breakpoint fewer in <paramref name="pool"/> makes on <paramref name="cpu"/>.</summary>
    public LedgerChange StepDown(int cpu, Pool pool) => LedgerChange.TaskDown(pool, TaskId, Count(cpu, pool));

    /// <summary>Looks up one of the task's breakpoints.</summary>
    public bool TryGet(long reservationId, out TaskBreakpoint breakpoint) => _breakpoints.TryGetValue(reservationId, out breakpoint);

    /// <summary>Records a breakpoint (after the CPU ledgers committed it when counted).</summary>
    /// <exception cref="ArgumentException">The reservation is already recorded.</exception>
    public void Add(TaskBreakpoint breakpoint)
    {
        _breakpoints.Add(breakpoint.ReservationId, breakpoint);
        if (breakpoint.Counted)
        {
            Adjust(breakpoint, +1);
        }
    }

    /// <summary>Forgets a breakpoint (after the CPU ledgers released it when counted); false if unknown.</summary>
    public bool Remove(long reservationId, out TaskBreakpoint breakpoint)
    {
        if (!_breakpoints.Remove(reservationId, out breakpoint))
        {
            return false;
        }

        if (breakpoint.Counted)
        {
            Adjust(breakpoint, -1);
        }

        return true;
    }

    /// <summary>Marks a breakpoint counted (resumed) or not (suspended); false if unknown or unchanged.</summary>
    public bool SetCounted(long reservationId, bool counted)
    {
        if (!_breakpoints.TryGetValue(reservationId, out var breakpoint) || breakpoint.Counted == counted)
        {
            return false;
        }

        _breakpoints[reservationId] = breakpoint with { Counted = counted };
        Adjust(breakpoint, counted ? +1 : -1);
        return true;
    }

    private static int Key(int cpu, Pool pool) => (cpu << 1) | (int)pool;

    private void Adjust(TaskBreakpoint breakpoint, int delta)
    {
        if (breakpoint.Cpu < 0)
        {
            _wide[(int)breakpoint.Pool] += delta;
            return;
        }

        _onCpu ??= [];
        var key = Key(breakpoint.Cpu, breakpoint.Pool);
        var count = _onCpu.GetValueOrDefault(key) + delta;
        if (count == 0)
        {
            _onCpu.Remove(key);
        }
        else
        {
            _onCpu[key] = count;
        }
    }
}
