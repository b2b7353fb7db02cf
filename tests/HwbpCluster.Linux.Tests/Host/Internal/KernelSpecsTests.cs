using System.Runtime.InteropServices;
using HwbpCluster.Arbitration;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Tests.Host.Internal;

public sealed class KernelSpecsTests
{
    [Theory]
    [InlineData(Access.Write, BreakpointAccess.Write)]
    [InlineData(Access.Read, BreakpointAccess.Read)]
    [InlineData(Access.ReadWrite, BreakpointAccess.ReadWrite)]
    public void Data_watches_keep_address_and_length_and_take_the_kernel_access_bits(Access access, BreakpointAccess expected) =>
        Assert.Equal(new BreakpointSpec(0x1000, 4, expected), KernelSpecs.ToKernel(new Arbitration.BreakpointSpec(0x1000, 4, access)));

    [Fact]
    public void An_execute_breakpoint_takes_the_length_the_kernel_wants_whatever_the_client_passed()
    {
        int expected = RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? 8 : 4;

        BreakpointSpec kernel = KernelSpecs.ToKernel(new Arbitration.BreakpointSpec(0x401000, 1, Access.Execute));

        Assert.Equal(new BreakpointSpec(0x401000, expected, BreakpointAccess.Execute), kernel);
    }

    [Fact]
    public void The_kernel_access_bits_are_the_hw_breakpoint_values()
    {
        Assert.Equal(2, (int)KernelSpecs.ToKernel(new Arbitration.BreakpointSpec(8, 8, Access.Write)).Access);
        Assert.Equal(3, (int)KernelSpecs.ToKernel(new Arbitration.BreakpointSpec(8, 8, Access.ReadWrite)).Access);
        Assert.Equal(4, (int)KernelSpecs.ToKernel(new Arbitration.BreakpointSpec(8, 8, Access.Execute)).Access);
    }
}
