using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests.Internal;

public sealed class PerfErrorsTests
{
    private static readonly BreakpointSpec Spec = new(0x1000, 8, BreakpointAccess.Write);

    [Theory]
    [InlineData(28, PerfErrorKind.NoFreeSlot)]
    [InlineData(22, PerfErrorKind.InvalidArgument)]
    [InlineData(7, PerfErrorKind.InvalidArgument)]
    [InlineData(13, PerfErrorKind.NotPermitted)]
    [InlineData(1, PerfErrorKind.NotPermitted)]
    [InlineData(3, PerfErrorKind.NoSuchTask)]
    [InlineData(2, PerfErrorKind.NotSupported)]
    [InlineData(95, PerfErrorKind.NotSupported)]
    [InlineData(24, PerfErrorKind.ResourceLimit)]
    [InlineData(9, PerfErrorKind.Other)]
    public void Each_errno_maps_to_its_kind_and_keeps_the_raw_value(int errno, PerfErrorKind kind)
    {
        PerfFailure failure = PerfErrors.FromErrno(errno, "perf_event_open", BreakpointTarget.Task(42), Spec);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(errno, failure.Errno);
        Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
    }

    [Fact]
    public void No_free_slot_says_someone_else_may_hold_the_debug_registers()
    {
        PerfFailure failure = PerfErrors.FromErrno(28, "perf_event_open", BreakpointTarget.Task(42), Spec);

        Assert.Contains("held by another user of this host", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("tid 42", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_permitted_names_what_a_cpu_wide_event_and_a_task_each_need()
    {
        PerfFailure cpu = PerfErrors.FromErrno(13, "perf_event_open", BreakpointTarget.OnCpu(1), Spec, privileged: false);
        PerfFailure task = PerfErrors.FromErrno(13, "perf_event_open", BreakpointTarget.Task(42), Spec, privileged: false);

        Assert.Contains("CPU-wide breakpoint on cpu 1", cpu.Reason, StringComparison.Ordinal);
        Assert.Contains("ptrace access", task.Reason, StringComparison.Ordinal);
        Assert.Contains("perf_event_paranoid is", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_to_a_privileged_process_a_kernel_address_is_the_kernels_policy_not_a_missing_right()
    {
        var kernel = new BreakpointSpec(0xffff_ffff_8240_0000, 8, BreakpointAccess.Write);

        PerfFailure failure = PerfErrors.FromErrno(1, "perf_event_open", BreakpointTarget.OnCpu(0), kernel, privileged: true);

        Assert.Equal(PerfErrorKind.NotPermitted, failure.Kind);
        Assert.Contains("refuses breakpoints on kernel addresses even to a privileged process", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("needs root", failure.Reason, StringComparison.Ordinal);
    }
}
