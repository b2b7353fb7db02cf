using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Turns the kernel's refusal of a reservation our accounting admitted into the host error a client can act on.</summary>
internal static class KernelRefusals
{
    public static HostException ToHostException(PerfFailure failure, Scope scope, string host) => failure.Kind switch
    {
        PerfErrorKind.NoFreeSlot => new(HostError.BackendRefused,
            $"the kernel of {host} has no free debug register for {scope} although HwbpCluster's accounting has room: "
            + $"the slots are held by another user of the host outside HwbpCluster (gdb, perf, another debugger) [{failure}]"),
        PerfErrorKind.NoSuchTask => new(HostError.NotFound,
            $"no task {scope.TaskId} on this host ({host}): it does not exist or has exited [{failure}]"),
        PerfErrorKind.NotPermitted => new(HostError.PermissionDenied,
            $"the kernel of {host} does not allow {scope}: {failure.Reason} [{failure}]"),
        PerfErrorKind.InvalidArgument => new(HostError.InvalidArgument,
            $"the kernel of {host} refused the breakpoint: {failure.Reason} [{failure}]"),
        _ => new(HostError.BackendRefused, $"the kernel of {host} refused {scope}: {failure.Reason} [{failure}]"),
    };
}
