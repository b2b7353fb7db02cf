using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What a commit does to a CPU's CPU-bound armed set: arm or re-point <see cref="Id"/>, or disarm it when <see cref="Spec"/> is null.</summary>
internal sealed record CpuBoundEffect(long Id, BreakpointSpec? Spec, Pool Pool);
