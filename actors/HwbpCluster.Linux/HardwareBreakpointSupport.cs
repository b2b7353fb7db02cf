namespace HwbpCluster.Linux;

/// <summary>Whether this process can arm hardware breakpoints, and why not if it cannot.</summary>
/// <param name="IsAvailable">True when a breakpoint could be opened on the calling thread.</param>
/// <param name="Reason">What was found: the platform and paranoia level on success, the refusal otherwise.</param>
/// <param name="Failure">The typed refusal when unavailable.</param>
public sealed record HardwareBreakpointSupport(bool IsAvailable, string Reason, PerfFailure? Failure);
