using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests.Internal;

public sealed class SpecValidatorTests
{
    [Theory]
    [InlineData(0x1000, 3, BreakpointAccess.Write, "bp_len")]
    [InlineData(0x1004, 8, BreakpointAccess.Write, "bp_addr")]
    [InlineData(0x1001, 2, BreakpointAccess.ReadWrite, "bp_addr")]
    [InlineData(0x1000, 4, BreakpointAccess.Execute, "bp_len")]
    [InlineData(0x1000, 8, (BreakpointAccess)6, "bp_type")]
    public void Requests_the_kernel_would_refuse_are_refused_naming_the_field(ulong address, int length, BreakpointAccess access, string field)
    {
        PerfFailure? failure = SpecValidator.Validate(new BreakpointSpec(address, length, access));

        Assert.Equal(PerfErrorKind.InvalidArgument, failure?.Kind);
        Assert.StartsWith(field, failure!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x1001, 1, BreakpointAccess.Write)]
    [InlineData(0x1002, 2, BreakpointAccess.Write)]
    [InlineData(0x1004, 4, BreakpointAccess.ReadWrite)]
    [InlineData(0x1008, 8, BreakpointAccess.Write)]
    [InlineData(0x1003, 8, BreakpointAccess.Execute)]
    public void Aligned_data_watches_and_execute_breakpoints_anywhere_are_accepted(ulong address, int length, BreakpointAccess access) =>
        Assert.Null(SpecValidator.Validate(new BreakpointSpec(address, length, access)));
}
