namespace HwbpCluster.Linux;

/// <summary>What a breakpoint is bound to: one task (thread, on any CPU) or one CPU (every task running there).</summary>
/// <param name="Pid">The tid for a task target, -1 for a CPU target (the perf_event_open pid argument).</param>
/// <param name="Cpu">The CPU for a CPU target, -1 for a task target.</param>
public readonly record struct BreakpointTarget(int Pid, int Cpu)
{
    /// <summary>One thread, identified by its kernel tid (gettid), on whichever CPU it runs.</summary>
    public static BreakpointTarget Task(int tid) => new(tid, -1);

    /// <summary>Every task while it runs on the given CPU; takes a slot from each of them.</summary>
    public static BreakpointTarget OnCpu(int cpu) => new(-1, cpu);

    /// <summary>True for a per-CPU target.</summary>
    public bool IsCpu => Pid == -1;

    /// <inheritdoc/>
    public override string ToString() => IsCpu ? $"cpu {Cpu}" : $"tid {Pid}";
}
