using HwbpCluster.Arbitration;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Tests.Host.Internal;

public sealed class KernelTargetsTests
{
    [Fact]
    public void A_task_scope_is_one_event_on_the_tid_on_any_cpu() =>
        Assert.Equal([new BreakpointTarget(42, -1)], KernelTargets.For(Scope.ForTask(42), 4));

    [Fact]
    public void A_task_on_cpu_scope_is_one_event_on_the_tid_and_that_cpu() =>
        Assert.Equal([new BreakpointTarget(42, 3)], KernelTargets.For(Scope.ForTaskOnCpu(42, 3), 4));

    [Fact]
    public void A_cpu_scope_is_one_event_on_every_task_of_that_cpu() =>
        Assert.Equal([new BreakpointTarget(-1, 2)], KernelTargets.For(Scope.OnCpu(2), 4));

    [Fact]
    public void A_wide_scope_is_one_cpu_event_per_cpu_in_cpu_order() =>
        Assert.Equal([.. Enumerable.Range(0, 3).Select(c => new BreakpointTarget(-1, c))], KernelTargets.For(Scope.AllCpus, 3));

    [Fact]
    public void A_tid_beyond_the_kernel_pid_range_is_refused_rather_than_truncated() =>
        Assert.Throws<OverflowException>(() => KernelTargets.For(Scope.ForTask(1L << 40), 1));
}
