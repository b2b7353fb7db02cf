using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>Shorthands for the five scopes of a reservation.</summary>
public static class Scopes
{
    /// <summary>Every task while it runs on CPU <paramref name="cpu"/>.</summary>
    public static Scope Cpu(uint cpu) => new() { Cpu = new CpuTarget { Cpu = cpu } };

    /// <summary>Task <paramref name="tid"/>, on whatever CPU it runs.</summary>
    public static Scope Task(ulong tid) => new() { Task = new TaskTarget { Tid = tid } };

    /// <summary>Task <paramref name="tid"/>, only while it runs on CPU <paramref name="cpu"/>.</summary>
    public static Scope TaskOnCpu(ulong tid, uint cpu) => new() { TaskOnCpu = new TaskOnCpuTarget { Tid = tid, Cpu = cpu } };

    /// <summary>One slot on every CPU of the host ("wide"), all or nothing.</summary>
    public static Scope AllCpus() => new() { AllCpus = new AllCpusTarget() };

    /// <summary>
    /// Every task of process <paramref name="pid"/>, now and later (threads and forked children inherit it), like gdb's
    /// watchpoints; ptrace and perf sessions. Reserve answers the process reservation; releasing it releases every task's part.
    /// </summary>
    public static Scope Process(ulong pid) => new() { Process = new ProcessTarget { Pid = pid } };
}
