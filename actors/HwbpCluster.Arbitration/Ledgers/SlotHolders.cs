namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>Who holds the slots of one pool on one CPU: the reason a request did not fit there.</summary>
/// <param name="Cpu">The CPU.</param>
/// <param name="PoolName">The pool's name ("shared", "instruction" or "data").</param>
/// <param name="Slots">Slots in the pool.</param>
/// <param name="CpuBound">The CPU-bound reservations there (committed and pending), oldest first.</param>
/// <param name="TaskId">The task that matters: the requester for a task step, a task at the maximum for a CPU-bound request (0 if unknown).</param>
/// <param name="TaskCount">That task's count there.</param>
public sealed record SlotHolders(int Cpu, string PoolName, int Slots, IReadOnlyList<long> CpuBound, long TaskId, int TaskCount)
{
    /// <summary>Text such as <c>cpu 3 data pool full (2 slots): 1 cpu-bound (r7), task 42 holds 1</c>.</summary>
    public override string ToString()
    {
        var cpuBound = CpuBound.Count == 0 ? "no cpu-bound" : $"{CpuBound.Count} cpu-bound ({string.Join(", ", CpuBound.Select(id => $"r{id}"))})";
        var task = TaskCount == 0 ? "no task holds any" : TaskId == 0 ? $"a task holds {TaskCount}" : $"task {TaskId} holds {TaskCount}";
        return $"cpu {Cpu} {PoolName} pool full ({Slots} slots): {cpuBound}, {task}";
    }
}
