using System.Diagnostics.CodeAnalysis;

namespace HwbpCluster.Linux;

/// <summary>The outcome of <see cref="PerfBreakpoint.TryOpen(BreakpointTarget, BreakpointSpec, PerfBreakpointOptions?)"/>: an armed breakpoint or the typed refusal.</summary>
/// <param name="Breakpoint">The armed breakpoint on success.</param>
/// <param name="Failure">Why it was refused otherwise.</param>
public readonly record struct PerfOpenResult(PerfBreakpoint? Breakpoint, PerfFailure? Failure)
{
    /// <summary>True when <see cref="Breakpoint"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Breakpoint))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Breakpoint is not null;
}
