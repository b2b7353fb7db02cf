namespace HwbpCluster.Linux;

/// <summary>What a probe of this machine's hardware breakpoints found.</summary>
public enum HardwareBreakpointVerdict
{
    /// <summary>perf_event_open accepts a breakpoint and every watched write fires it.</summary>
    Fires,

    /// <summary>perf_event_open accepts a breakpoint, but watched writes do not fire it (or not every one).</summary>
    /// <remarks>Seen on virtual machines whose hypervisor does not deliver debug exceptions to the guest.</remarks>
    NeverFires,

    /// <summary>perf_event_open refuses the breakpoint (errno in the failure).</summary>
    Refused,
}
