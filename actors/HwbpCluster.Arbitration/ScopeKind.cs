namespace HwbpCluster.Arbitration;

/// <summary>Where a breakpoint applies, which decides how Linux's admission rule counts it.</summary>
public enum ScopeKind
{
    /// <summary>Bound to one CPU, whatever task runs there (perf -C, pid = -1).</summary>
    Cpu = 0,

    /// <summary>Bound to one task on every CPU it may run on (ptrace, perf -p, cpu = -1).</summary>
    Task = 1,

    /// <summary>Bound to one task, only while it runs on one CPU (pid and cpu both given).</summary>
    TaskOnCpu = 2,

    /// <summary>Wide: one CPU-bound slot on every CPU of the host, all or nothing (kgdb).</summary>
    AllCpus = 3,

    /// <summary>
    /// A whole process: every task it has now and every task it creates later (threads and forked children), as gdb's
    /// watchpoints and perf's inherit do. Never counted as such: the host expands it into one inherited task-bound
    /// breakpoint per task of the process (<see cref="Scope.ForProcessTask"/>), which is what the kernel arms too.
    /// </summary>
    Process = 4,
}
