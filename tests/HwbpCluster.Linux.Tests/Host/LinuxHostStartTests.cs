using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Linux.Tests.Host.Support;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>Whether the Linux host starts, for each answer of the hardware probe.</summary>
public sealed class LinuxHostStartTests
{
    private static readonly HardwareBreakpointSupport Firing = new(HardwareBreakpointVerdict.Fires, "fires", null);
    private static readonly HardwareBreakpointSupport Silent = new(HardwareBreakpointVerdict.NeverFires, "hardware breakpoints are accepted but never fire here", null);
    private static readonly HardwareBreakpointSupport Refused = new(HardwareBreakpointVerdict.Refused, "perf_event_open refused: errno 13",
        new PerfFailure(PerfErrorKind.NotPermitted, 13, "perf_event_open", "not permitted"));

    [Fact]
    public void Firing_hardware_starts_with_or_without_the_override()
    {
        LinuxHost.CheckSupport(Firing, LinuxHostOptions.Default);
        LinuxHost.CheckSupport(Firing, new LinuxHostOptions { AllowSilentHardware = true });
    }

    [Fact]
    public void Silent_hardware_refuses_to_start_saying_so_and_suggesting_the_simulator_and_the_override()
    {
        var ex = Assert.Throws<HostException>(() => LinuxHost.CheckSupport(Silent, LinuxHostOptions.Default));

        Assert.Equal(HostError.FailedPrecondition, ex.Error);
        Assert.StartsWith(Silent.Reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--backend sim", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-silent-hardware", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_hardware_starts_when_the_override_says_so()
    {
        LinuxHost.CheckSupport(Silent, new LinuxHostOptions { AllowSilentHardware = true });
    }

    [Fact]
    public void Refused_hardware_never_starts_even_with_the_override()
    {
        var ex = Assert.Throws<HostException>(() => LinuxHost.CheckSupport(Refused, new LinuxHostOptions { AllowSilentHardware = true }));

        Assert.Contains("errno 13", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--backend sim", ex.Message, StringComparison.Ordinal);
    }

    [HardwareFact]
    public async Task With_the_override_this_machine_starts_and_warns_exactly_when_its_breakpoints_never_fire()
    {
        using var hardware = new HardwareTestLock();
        HardwareBreakpointSupport probe = HardwareBreakpoints.Probe();
        await using LinuxHost host = LinuxHost.Start("h1", TimeProvider.System, new RecordingLogs(), new LinuxHostOptions { AllowSilentHardware = true });

        Assert.Equal(probe.Fires ? [] : [probe.Reason], host.Description.Warnings);
    }
}
