using System.Diagnostics.CodeAnalysis;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Opens one perf event per target, all or nothing: on the first refusal every event already opened is closed.</summary>
internal static class KernelInstall
{
    public static Result Open(IReadOnlyList<BreakpointTarget> targets, BreakpointSpec spec, PerfBreakpointOptions options)
    {
        var opened = new PerfBreakpoint[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            PerfOpenResult result = PerfBreakpoint.TryOpen(targets[i], spec, options);
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
