using System.Diagnostics.CodeAnalysis;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Opens one perf event per target, all or nothing: on the first refusal every event already opened is closed.</summary>
internal static class KernelInstall
{
    /// <param name="targets">One event each.</param>
    /// <param name="spec">The breakpoint.</param>
    /// <param name="options">Ring, wakeups, inherit, and whether the events start enabled.</param>
    /// <param name="taskRings">Where a task's events send their samples (see <see cref="TaskRings"/>); null for a ring each.</param>
    public static Result Open(IReadOnlyList<BreakpointTarget> targets, BreakpointSpec spec, PerfBreakpointOptions options, TaskRings? taskRings = null)
    {
        var opened = new PerfBreakpoint[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            PerfOpenResult result = PerfBreakpoint.TryOpen(targets[i], spec, options, taskRings);
            if (!result.IsSuccess)
            {
                for (int j = 0; j < i; j++)
                {
                    opened[j].Dispose();
                }

                return new Result(null, result.Failure) { FailedTarget = targets[i] };
            }

            opened[i] = result.Breakpoint;
        }

        return new Result(opened, null);
    }

    /// <summary>Every event, or the first refusal.</summary>
    public readonly record struct Result(PerfBreakpoint[]? Events, PerfFailure? Failure)
    {
        /// <summary>The target the kernel refused (with <see cref="Failure"/>).</summary>
        public BreakpointTarget? FailedTarget { get; init; }

        [MemberNotNullWhen(true, nameof(Events))]
        [MemberNotNullWhen(false, nameof(Failure))]
        public bool IsSuccess => Events is not null;
    }
}
