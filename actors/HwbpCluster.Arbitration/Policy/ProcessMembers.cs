namespace HwbpCluster.Arbitration.Policy;

/// <summary>Which tasks a process scope covers when it is reserved: the process's task and everything descended from it.</summary>
/// <remarks>
/// The simulator has no thread groups: a task is spawned (a new process whose pid is its tid) or forked from a parent, and
/// a process scope covers threads and forked children alike, so the tasks of process P are P and its live descendants.
/// Linux lists a real process's threads from /proc/PID/task instead (children forked before the reservation are not
/// covered there, as with gdb or perf -p); tasks created afterwards join both the same way, by inheritance at fork.
/// </remarks>
public static class ProcessMembers
{
    /// <summary>The tasks of process <paramref name="pid"/> among <paramref name="tasks"/> (tid and parent tid; 0 = none), in tid order.</summary>
    /// <returns>Empty when <paramref name="pid"/> is not a live task.</returns>
    public static IReadOnlyList<long> Of(long pid, IEnumerable<(long Tid, long Parent)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var children = new Dictionary<long, List<long>>();
        var live = new HashSet<long>();
        foreach (var (tid, parent) in tasks)
        {
            live.Add(tid);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(tid);
        }

        if (!live.Contains(pid))
        {
            return [];
        }

        // The walk follows live parents only: a task whose parent exited is not reached (the simulator keeps no thread
        // group id, and Linux reparents orphans away). One that already holds its inherited copy keeps it all the same.
        var members = new List<long>();
        var pending = new Stack<long>();
        pending.Push(pid);
        while (pending.TryPop(out var tid))
        {
            members.Add(tid);
            foreach (var child in children.GetValueOrDefault(tid) ?? [])
            {
                pending.Push(child);
            }
        }

        members.Sort();
        return members;
    }
}
