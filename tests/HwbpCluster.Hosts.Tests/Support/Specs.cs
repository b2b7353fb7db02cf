using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Tests.Support;

/// <summary>Breakpoint specs used across the tests.</summary>
internal static class Specs
{
    public static BreakpointSpec Write(ulong address, int length = 8) => new(address, length, Access.Write);

    public static BreakpointSpec ReadWrite(ulong address, int length = 8) => new(address, length, Access.ReadWrite);

    public static BreakpointSpec Execute(ulong address) => new(address, 1, Access.Execute);
}
