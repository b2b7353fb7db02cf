namespace HwbpCluster.Arbitration.Policy;

/// <summary>Who may take a slot from whom: kgdb may suspend pinned perf reservations, and nothing else is ever taken.</summary>
/// <remarks>
/// ptrace reservations are never suspended: a debugger's watchpoint that silently stops firing is a wrong answer, while a
/// perf count is scaled and reported with time_enabled/time_running. Flexible perf reservations hold no slot, so there is
/// nothing to take from them.
/// </remarks>
public static class PreemptionPolicy
{
    /// <summary>True when a pinned request of <paramref name="kind"/> may suspend others to make room.</summary>
    public static bool MayPreempt(ClientKind kind, bool pinned) => kind == ClientKind.Kgdb && pinned;

    /// <summary>True when <paramref name="requester"/> may suspend a reservation of <paramref name="victimKind"/>.</summary>
    public static bool MaySuspend(ClientKind requester, ClientKind victimKind, bool victimPinned) =>
        requester == ClientKind.Kgdb && victimKind == ClientKind.Perf && victimPinned;

    /// <summary>The reservations to suspend for a <paramref name="requester"/> request refused on one CPU.</summary>
    /// <param name="requester">The refused request's client kind.</param>
    /// <param name="counted">Every reservation counted in the refused pool on that CPU (CPU-bound, wide and task-bound).</param>
    /// <returns>
    /// The newest suspendable CPU-bound one (it frees the CPU at once, and older reservations keep running longest); else,
    /// since the CPU's maximum task count must drop, the newest suspendable one of every task at that maximum; or none at
    /// all when some task at the maximum has nothing suspendable (suspending the others would free nothing).
    /// </returns>
    public static IReadOnlyList<long> PickVictims(ClientKind requester, IReadOnlyCollection<PreemptionCandidate> counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        bool Suspendable(PreemptionCandidate c) => MaySuspend(requester, c.Kind, c.Pinned);

        var cpuBound = counted.Where(c => c.TaskId == 0 && Suspendable(c)).Select(c => c.Id).DefaultIfEmpty(0).Max();
        if (cpuBound != 0)
        {
            return [cpuBound];
        }

        var perTask = counted.Where(c => c.TaskId != 0).GroupBy(c => c.TaskId).ToArray();
        if (perTask.Length == 0)
        {
            return [];
        }

        var max = perTask.Max(g => g.Count());
        var victims = new List<long>();
        foreach (var task in perTask.Where(g => g.Count() == max).OrderBy(g => g.Key))
        {
            var newest = task.Where(Suspendable).Select(c => c.Id).DefaultIfEmpty(0).Max();
            if (newest == 0)
            {
                return [];
            }

            victims.Add(newest);
        }

        return victims;
    }
}
