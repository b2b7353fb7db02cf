using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Tests;

/// <summary>Reserve commands for the tests.</summary>
internal static class Reserve
{
    /// <summary>A pinned write watch of 8 bytes at <paramref name="address"/> on CPU <paramref name="cpu"/>.</summary>
    public static ReserveCommand OnCpu(int cpu, ulong address = 0x1000) =>
        new(Scope.OnCpu(cpu), new BreakpointSpec(address, 8, Access.Write), Pinned: true, Inherit: false, Label: "t", Wait: TimeSpan.Zero);
}
