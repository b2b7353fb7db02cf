using HwbpCluster.Linux;

namespace HwbpCluster.Testing;

/// <summary>The skip reasons of tests on the real debug registers, from the Linux backend's own probe (cached per process).</summary>
/// <remarks>The probe arms a breakpoint, so it runs under <see cref="HardwareTestLock"/>: another assembly's CPU-wide events
/// could otherwise hold every slot at that moment and make it answer ENOSPC.</remarks>
public static class HardwareProbe
{
    private static readonly Lazy<HardwareBreakpointSupport> Task = new(() => Locked(HardwareBreakpoints.Probe));
    private static readonly Lazy<HardwareBreakpointSupport> CpuWide = new(() => Locked(HardwareBreakpoints.ProbeCpuWide));

    /// <summary>Null when perf_event_open accepts breakpoints here (of a task, or CPU-wide), else why it does not.</summary>
    public static string? UnlessAccepted(bool cpuWide = false)
    {
        var support = cpuWide ? CpuWide.Value : Task.Value;
        return support.IsAccepted ? null : $"{Scope(cpuWide)} hardware breakpoints unavailable: {support.Reason}";
    }

    /// <summary>Null when armed breakpoints fire on every watched access here, else why this test cannot see hits.</summary>
    public static string? UnlessFiring(bool cpuWide = false)
    {
        var support = cpuWide ? CpuWide.Value : Task.Value;
        return support.Fires ? null : $"needs real hits of {Scope(cpuWide)} hardware breakpoints: {support.Reason}";
    }

    /// <summary>Null on a machine that accepts breakpoints and never fires them, else why a test of that case cannot run here.</summary>
    public static string? UnlessSilent() => UnlessAccepted() ?? (Task.Value.Fires
        ? "needs a machine whose hardware breakpoints are accepted and never fire; here they fire (the probe's own tests play that kernel)"
        : null);

    private static string Scope(bool cpuWide) => cpuWide ? "CPU-wide" : "task";

    private static HardwareBreakpointSupport Locked(Func<HardwareBreakpointSupport> probe)
    {
        using var hardware = new HardwareTestLock();
        return probe();
    }
}
