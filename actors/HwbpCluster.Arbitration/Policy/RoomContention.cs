namespace HwbpCluster.Arbitration.Policy;

/// <summary>Whether two breakpoint requests compete for the same room under Linux's rule.</summary>
/// <remarks>
/// Breakpoints of different tasks never constrain each other; a CPU-bound breakpoint competes with everything on its CPU.
/// So two requests compete when they need the same pool on a common CPU and either one is CPU-bound or both belong to the
/// same task.
/// </remarks>
public static class RoomContention
{
    /// <summary>True when admitting <paramref name="candidate"/> could use room that <paramref name="waiting"/> needs.</summary>
    public static bool Competes(Pool waitingPool, Scope waiting, Pool candidatePool, Scope candidate)
    {
        if (waitingPool != candidatePool || !SharesCpu(waiting, candidate))
        {
            return false;
        }

        return !waiting.IsTaskBound || !candidate.IsTaskBound || waiting.TaskId == candidate.TaskId;
    }

    private static bool SharesCpu(Scope a, Scope b) =>
        a.Kind is ScopeKind.Task or ScopeKind.AllCpus || b.Kind is ScopeKind.Task or ScopeKind.AllCpus || a.Cpu == b.Cpu;
}
