namespace HwbpCluster.Linux;

/// <summary>Whether this process can arm hardware breakpoints and whether they fire, with the reason either way.</summary>
/// <param name="Verdict">Fires, accepted but never fires, or refused.</param>
/// <param name="Reason">What was found: the platform and paranoia level when they fire, otherwise what failed and why.</param>
/// <param name="Failure">The typed refusal when <see cref="HardwareBreakpointVerdict.Refused"/>.</param>
public sealed record HardwareBreakpointSupport(HardwareBreakpointVerdict Verdict, string Reason, PerfFailure? Failure)
{
    /// <summary>True when perf_event_open accepts breakpoints here (they may still never fire).</summary>
    public bool IsAccepted => Verdict != HardwareBreakpointVerdict.Refused;

    /// <summary>True when armed breakpoints fire on every watched access.</summary>
    public bool Fires => Verdict == HardwareBreakpointVerdict.Fires;

    /// <summary>The answer where perf_event_open (or the platform) refuses breakpoints: the refusal, its errno and what it means.</summary>
    internal static HardwareBreakpointSupport RefusedBy(PerfFailure failure) => new(HardwareBreakpointVerdict.Refused,
        $"perf_event_open refused a hardware breakpoint: {failure.Reason} (errno {failure.Errno})", failure);
}
