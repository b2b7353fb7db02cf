using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>The controls of a simulated host: tasks, context switches and memory accesses that hit armed breakpoints.</summary>
public interface ISimulatedHost
{
    /// <summary>Creates a task; <paramref name="tid"/> 0 allocates one. Returns its id.</summary>
    Task<TaskDescription> SpawnTaskAsync(long tid, string name, CancellationToken cancellationToken = default);

    /// <summary>Forks <paramref name="parentTid"/>; the child gets copies of the parent's inherited breakpoints.</summary>
    Task<TaskDescription> ForkTaskAsync(long parentTid, long childTid, CancellationToken cancellationToken = default);

    /// <summary>Ends a task: its breakpoints are released and it stops running.</summary>
    Task ExitTaskAsync(long tid, CancellationToken cancellationToken = default);

    /// <summary>Context switch: <paramref name="tid"/> runs on <paramref name="cpu"/> (0 = idle); its breakpoints are armed there.</summary>
    Task RunTaskAsync(long tid, int cpu, CancellationToken cancellationToken = default);

    /// <summary>A memory access (or instruction fetch) by a running task; returns the hits it caused.</summary>
    Task<IReadOnlyList<HitRecord>> AccessAsync(long tid, ulong address, int length, Access access, ulong ip,
        CancellationToken cancellationToken = default);
}
