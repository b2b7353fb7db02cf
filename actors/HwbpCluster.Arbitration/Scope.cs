namespace HwbpCluster.Arbitration;

/// <summary>Where a breakpoint applies: a CPU, a task, a task on one CPU, every CPU, or a whole process.</summary>
/// <remarks>Use the factories; <see cref="Cpu"/> is -1, <see cref="TaskId"/> and <see cref="ProcessId"/> are 0 where they do not apply.</remarks>
public readonly record struct Scope
{
    private Scope(ScopeKind kind, int cpu, long taskId, long processId = 0)
    {
        Kind = kind;
        Cpu = cpu;
        TaskId = taskId;
        ProcessId = processId;
    }

    /// <summary>Which of the four shapes this scope has.</summary>
    public ScopeKind Kind { get; }

    /// <summary>The CPU for <see cref="ScopeKind.Cpu"/> and <see cref="ScopeKind.TaskOnCpu"/>, otherwise -1.</summary>
    public int Cpu { get; }

    /// <summary>The task (thread id) for <see cref="ScopeKind.Task"/> and <see cref="ScopeKind.TaskOnCpu"/>, otherwise 0.</summary>
    public long TaskId { get; }

    /// <summary>The process (its pid: the tid of its first task) for <see cref="ScopeKind.Process"/>, otherwise 0.</summary>
    public long ProcessId { get; }

    /// <summary>True when the breakpoint belongs to a task (and is released when the task exits).</summary>
    public bool IsTaskBound => Kind is ScopeKind.Task or ScopeKind.TaskOnCpu;

    /// <summary>True when a breakpoint of this scope counts on <paramref name="cpu"/> (every CPU, or the one it names).</summary>
    public bool CountsOn(int cpu) => Kind is ScopeKind.AllCpus or ScopeKind.Task || Cpu == cpu;

    /// <summary>A CPU-bound breakpoint on <paramref name="cpu"/>.</summary>
    public static Scope OnCpu(int cpu) => new(ScopeKind.Cpu, cpu, 0);

    /// <summary>A breakpoint of task <paramref name="taskId"/> on every CPU.</summary>
    public static Scope ForTask(long taskId) => new(ScopeKind.Task, -1, taskId);

    /// <summary>A breakpoint of task <paramref name="taskId"/> that applies only on <paramref name="cpu"/>.</summary>
    public static Scope ForTaskOnCpu(long taskId, int cpu) => new(ScopeKind.TaskOnCpu, cpu, taskId);

    /// <summary>A breakpoint of every task process <paramref name="pid"/> has now and creates later.</summary>
    public static Scope ForProcess(long pid) => new(ScopeKind.Process, -1, 0, pid);

    /// <summary>What a process breakpoint counts as on one of its tasks: an inherited breakpoint of that task on every CPU.</summary>
    public static Scope ForProcessTask(long tid) => ForTask(tid);

    /// <summary>A wide breakpoint: CPU-bound on every CPU, all or nothing.</summary>
    public static Scope AllCpus => new(ScopeKind.AllCpus, -1, 0);

    /// <summary>Short text such as <c>task 42 on cpu 3</c>.</summary>
    public override string ToString() => Kind switch
    {
        ScopeKind.Cpu => $"cpu {Cpu}",
        ScopeKind.Task => $"task {TaskId}",
        ScopeKind.TaskOnCpu => $"task {TaskId} on cpu {Cpu}",
        ScopeKind.Process => $"process {ProcessId}",
        _ => "all cpus",
    };
}
