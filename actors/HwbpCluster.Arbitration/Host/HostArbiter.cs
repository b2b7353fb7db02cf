using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Host;

/// <summary>The whole-host arbiter: Linux's admission rule over per-CPU and per-task ledgers, plus queueing and preemption.</summary>
/// <remarks>
/// <para>Synchronous and serial: it is the reference the actor protocol is proven against, and what a single-threaded host
/// can use directly. Decisions cost O(CPUs) for task-wide and wide breakpoints and O(1) otherwise, whatever the number of
/// tasks; only kgdb preemption planning scans tasks.</para>
/// <para>Reservation ids are <see cref="long"/>s handed out in increasing order from 1, also for queued requests (a queued
/// request keeps its id when served) and forked copies. Not thread-safe.</para>
/// </remarks>
public sealed partial class HostArbiter
{
    private readonly CpuLedger[] _cpus;
    private readonly Dictionary<long, TaskLedger> _tasks = [];
    private readonly Dictionary<long, Reservation> _reservations = [];
    private readonly SortedSet<long> _suspended = [];
    private readonly WaitQueue _queue = new();
    private readonly int[] _cpuPinnedMax = new int[2];
    private readonly bool[] _cpuPinnedMaxStale = [true, true];
    private long _nextId = 1;

    /// <summary>Creates an empty host with the CPUs and pools of <paramref name="profile"/>.</summary>
    public HostArbiter(ArchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        _cpus = new CpuLedger[profile.CpuCount];
        for (var cpu = 0; cpu < _cpus.Length; cpu++)
        {
            _cpus[cpu] = new CpuLedger(profile, cpu);
        }
    }

    /// <summary>The host's arch profile.</summary>
    public ArchProfile Profile { get; }

    /// <summary>Every reservation the host knows of (active, suspended, queued).</summary>
    public IReadOnlyCollection<Reservation> Reservations => _reservations.Values;

    /// <summary>Suspended reservations, in original (id) order.</summary>
    public IReadOnlyCollection<long> SuspendedIds => _suspended;

    /// <summary>Queued reservations, in the order they would be served.</summary>
    public IReadOnlyList<long> QueuedIds => _queue.ServeOrder();

    /// <summary>Looks up a reservation.</summary>
    public bool TryGet(long reservationId, out Reservation reservation) =>
        _reservations.TryGetValue(reservationId, out reservation!);

    /// <summary>cpuPinned[c]: committed CPU-bound breakpoints in <paramref name="pool"/> on <paramref name="cpu"/>.</summary>
    public int CpuPinned(int cpu, Pool pool) => _cpus[cpu].CpuPinned(pool);

    /// <summary>The largest count any task has in <paramref name="pool"/> on <paramref name="cpu"/>.</summary>
    public int MaxTaskCount(int cpu, Pool pool) => _cpus[cpu].MaxTaskCount(pool);

    /// <summary>cnt(T, c) for task <paramref name="taskId"/> (0 for an unknown task).</summary>
    public int TaskCount(long taskId, int cpu, Pool pool) =>
        _tasks.TryGetValue(taskId, out var task) ? task.Count(cpu, pool) : 0;

    /// <summary>Worst case of pinned breakpoints armed at once on <paramref name="cpu"/>: cpuPinned + max task count.</summary>
    public int WorstCase(int cpu, Pool pool) => _cpus[cpu].CpuPinned(pool) + _cpus[cpu].MaxTaskCount(pool);

    /// <summary>Number of tasks with at least one reservation.</summary>
    public int TrackedTaskCount => _tasks.Count;

    private TaskLedger TaskOf(long taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            task = new TaskLedger(taskId);
            _tasks.Add(taskId, task);
        }

        return task;
    }
}
