using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class PerfBreakpointModifyRefusalTests
{
    [HitsFact]
    public async Task A_modify_the_kernel_refuses_leaves_the_breakpoint_armed_on_its_old_address()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        // Above TASK_SIZE_MAX but below the kernel half: our validator passes it, the kernel refuses it with exclude_kernel = 1.
        var hole = new BreakpointSpec(0x0000_8000_0000_0000, 8, BreakpointAccess.Write);

        PerfFailure? failure = watch.TryModify(hole);
        await rig.Thread.RepeatAsync(2, () => Access.Write64(rig.Block.At(0), 1));

        Assert.Equal(PerfErrorKind.InvalidArgument, failure?.Kind);
        Assert.Equal(22, failure!.Errno);
        Assert.True(watch.IsEnabled);
        Assert.Equal(rig.Block.At(0), watch.Spec.Address);
        Assert.Equal(2UL, watch.ReadCount());
    }
}
