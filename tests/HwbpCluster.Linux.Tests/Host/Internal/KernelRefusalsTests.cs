using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Tests.Host.Internal;

public sealed class KernelRefusalsTests
{
    [Theory]
    [InlineData(PerfErrorKind.NoFreeSlot, HostError.BackendRefused)]
    [InlineData(PerfErrorKind.NoSuchTask, HostError.NotFound)]
    [InlineData(PerfErrorKind.NotPermitted, HostError.PermissionDenied)]
    [InlineData(PerfErrorKind.InvalidArgument, HostError.InvalidArgument)]
    [InlineData(PerfErrorKind.NotSupported, HostError.BackendRefused)]
    [InlineData(PerfErrorKind.ResourceLimit, HostError.BackendRefused)]
    [InlineData(PerfErrorKind.Other, HostError.BackendRefused)]
    public void Each_kernel_refusal_maps_onto_the_host_error_a_client_can_act_on(PerfErrorKind kind, HostError expected)
    {
        HostException error = KernelRefusals.ToHostException(new PerfFailure(kind, 1, "perf_event_open", "why"), Scope.ForTask(7), "h1");

        Assert.Equal(expected, error.Error);
        Assert.Contains("why", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_set_of_kernel_slots_is_blamed_on_another_user_of_the_host()
    {
        HostException error = KernelRefusals.ToHostException(new PerfFailure(PerfErrorKind.NoFreeSlot, 28, "perf_event_open", "enospc"),
            Scope.ForTask(7), "h1");

        Assert.Contains("held by another user of the host outside HwbpCluster", error.Message, StringComparison.Ordinal);
        Assert.Contains("task 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_task_is_named_by_its_tid()
    {
        HostException error = KernelRefusals.ToHostException(new PerfFailure(PerfErrorKind.NoSuchTask, 3, "perf_event_open", "esrch"),
            Scope.ForTaskOnCpu(1234, 1), "h1");

        Assert.StartsWith("no task 1234 on this host", error.Message, StringComparison.Ordinal);
    }
}
