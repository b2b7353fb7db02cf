using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class PerfBreakpointControlTests
{
    [HitsFact]
    public async Task Modify_re_points_the_armed_breakpoint_so_only_the_new_address_hits()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        ulong oldCell = rig.Block.At(0);
        ulong newCell = rig.Block.At(128);

        watch.Modify(new BreakpointSpec(newCell, 8, BreakpointAccess.Write));
        await rig.Thread.RepeatAsync(5, () => Access.Write64(oldCell, 1));
        await rig.Thread.RepeatAsync(3, () => Access.Write64(newCell, 1));

        Assert.Equal(3UL, watch.ReadCount());
        Assert.Equal(new BreakpointSpec(newCell, 8, BreakpointAccess.Write), watch.Spec);
        Assert.True(watch.IsEnabled);
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 3);
        Assert.All(hits, hit => Assert.Equal(newCell, hit.Address));
    }

    [HitsFact]
    public async Task Modify_can_change_length_and_access_in_place()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        ulong cell = rig.Block.At(64);

        watch.Modify(new BreakpointSpec(cell, 4, BreakpointAccess.ReadWrite));
        await rig.Thread.RunAsync(() =>
        {
            _ = Access.Read64(cell);
            Access.Write8(rig.Block.At(68), 1);
        });

        Assert.Equal(1UL, watch.ReadCount());
    }

    [HitsFact]
    public async Task A_refused_modify_is_typed_and_leaves_the_breakpoint_as_it_was()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);

        PerfFailure? failure = watch.TryModify(new BreakpointSpec(rig.Block.At(4), 8, BreakpointAccess.Write));
        await rig.Thread.RunAsync(() => Access.Write64(rig.Block.At(0), 1));

        Assert.Equal(PerfErrorKind.InvalidArgument, failure?.Kind);
        Assert.Contains("bp_addr", failure!.Reason, StringComparison.Ordinal);
        Assert.Equal(1UL, watch.ReadCount());
    }

    [HitsFact]
    public async Task Disable_pauses_the_breakpoint_and_enable_resumes_it()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        ulong cell = rig.Block.At(0);

        watch.Disable();
        await rig.Thread.RepeatAsync(4, () => Access.Write64(cell, 1));
        Assert.Equal(0UL, watch.ReadCount());

        watch.Enable();
        await rig.Thread.RepeatAsync(2, () => Access.Write64(cell, 1));
        Assert.Equal(2UL, watch.ReadCount());
        Assert.Equal(2, (await HitCollector.CollectAsync(rig.Reader, 2)).Count);
    }

    [HitsFact]
    public async Task Modify_of_a_disabled_breakpoint_keeps_it_disabled()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write, new PerfBreakpointOptions { StartEnabled = false });
        ulong cell = rig.Block.At(8);

        watch.Modify(new BreakpointSpec(cell, 8, BreakpointAccess.Write));
        await rig.Thread.RunAsync(() => Access.Write64(cell, 1));
        Assert.Equal(0UL, watch.ReadCount());

        watch.Enable();
        await rig.Thread.RunAsync(() => Access.Write64(cell, 1));
        Assert.Equal(1UL, watch.ReadCount());
    }
}
