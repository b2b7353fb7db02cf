using HwbpCluster.Linux.Internal.Probe;

namespace HwbpCluster.Linux.Tests.Probe;

/// <summary>The probe's three answers, each with its reason, against a scripted kernel (and once against this machine's).</summary>
public sealed class HitProbeTests
{
    private static readonly PerfFailure NotPermitted = new(PerfErrorKind.NotPermitted, 13, "perf_event_open",
        "watching task 7 needs ptrace access to it (same user, or CAP_SYS_PTRACE) and perf_event_paranoid <= 2 (perf_event_paranoid is 3)");

    private static readonly PerfFailure Busy = new(PerfErrorKind.NoFreeSlot, 28, "perf_event_open", "no free debug register");

    [Fact]
    public void A_kernel_that_accepts_the_watch_and_counts_nothing_never_fires_and_the_reason_names_the_kernel_and_hypervisors()
    {
        var kernel = new FakeProbeKernel(counted: 0);

        HardwareBreakpointSupport support = HardwareBreakpoints.Probe(kernel);

        Assert.Equal(HardwareBreakpointVerdict.NeverFires, support.Verdict);
        Assert.True(support.IsAccepted);
        Assert.False(support.Fires);
        Assert.Contains("kernel 6.18.44-fake", support.Reason, StringComparison.Ordinal);
        Assert.Contains($"0 of {HitProbe.Writes}", support.Reason, StringComparison.Ordinal);
        Assert.Contains("hypervisors do not deliver debug exceptions", support.Reason, StringComparison.Ordinal);
        Assert.True(kernel.WatchClosed);
    }

    [Fact]
    public void A_kernel_that_counts_every_write_fires()
    {
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe(new FakeProbeKernel(counted: HitProbe.Writes));

        Assert.Equal(HardwareBreakpointVerdict.Fires, support.Verdict);
        Assert.Null(support.Failure);
        Assert.Contains("perf_event_paranoid", support.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_that_counts_some_writes_does_not_fire_reliably_and_says_how_many()
    {
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe(new FakeProbeKernel(counted: 5));

        Assert.Equal(HardwareBreakpointVerdict.NeverFires, support.Verdict);
        Assert.Contains($"5 of {HitProbe.Writes}", support.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_is_reported_with_its_errno_and_what_it_means()
    {
        var kernel = new FakeProbeKernel(HitProbe.Writes, NotPermitted);

        HardwareBreakpointSupport support = HardwareBreakpoints.Probe(kernel);

        Assert.Equal(HardwareBreakpointVerdict.Refused, support.Verdict);
        Assert.False(support.IsAccepted);
        Assert.Equal(NotPermitted, support.Failure);
        Assert.Contains("errno 13", support.Reason, StringComparison.Ordinal);
        Assert.Contains("perf_event_paranoid", support.Reason, StringComparison.Ordinal);
        Assert.Equal(1, kernel.Arms);
    }

    [Fact]
    public void Slots_held_elsewhere_for_a_moment_are_waited_for_then_probed()
    {
        var kernel = new FakeProbeKernel(HitProbe.Writes, Busy, Busy);

        HardwareBreakpointSupport support = HardwareBreakpoints.Probe(kernel);

        Assert.Equal(HardwareBreakpointVerdict.Fires, support.Verdict);
        Assert.Equal(3, kernel.Arms);
    }

    [Fact]
    public void Slots_held_elsewhere_all_along_are_a_refusal_that_says_so()
    {
        var kernel = new FakeProbeKernel(HitProbe.Writes, [.. Enumerable.Repeat(Busy, 1000)]);

        HardwareBreakpointSupport support = HardwareBreakpoints.Probe(kernel);

        Assert.Equal(HardwareBreakpointVerdict.Refused, support.Verdict);
        Assert.Equal(PerfErrorKind.NoFreeSlot, support.Failure?.Kind);
        Assert.Contains("errno 28", support.Reason, StringComparison.Ordinal);
    }

    [HardwareFact]
    public void This_machine_is_probed_once_and_its_answer_names_the_kernel_whatever_it_is()
    {
        HardwareBreakpointSupport first = HardwareBreakpoints.Probe();

        Assert.Same(first, HardwareBreakpoints.Probe());
        Assert.True(first.IsAccepted);
        Assert.Contains(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), first.Reason, StringComparison.Ordinal);
    }
}
