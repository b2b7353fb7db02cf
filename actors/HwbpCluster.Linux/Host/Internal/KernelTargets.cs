using HwbpCluster.Arbitration;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>The perf_event_open (pid, cpu) pairs that carry out one reservation's scope.</summary>
internal static class KernelTargets
{
    /// <summary>Task: (tid, -1); task on a CPU: (tid, k); CPU: (-1, k); all CPUs: (-1, c) for every CPU, opened all or nothing.</summary>
    // An inherited task event gets one event per CPU: the kernel maps no ring for an inherited event on every CPU at once.
    public static BreakpointTarget[] For(Scope scope, int cpuCount, bool inherit = false) => scope.Kind switch
    {
        ScopeKind.Task when inherit => [.. Enumerable.Range(0, cpuCount).Select(c => new BreakpointTarget(checked((int)scope.TaskId), c))],
        ScopeKind.Task => [BreakpointTarget.Task(checked((int)scope.TaskId))],
        ScopeKind.TaskOnCpu => [new BreakpointTarget(checked((int)scope.TaskId), scope.Cpu)],
        ScopeKind.Cpu => [BreakpointTarget.OnCpu(scope.Cpu)],
        ScopeKind.AllCpus => [.. Enumerable.Range(0, cpuCount).Select(BreakpointTarget.OnCpu)],
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown scope kind"),
    };
}
