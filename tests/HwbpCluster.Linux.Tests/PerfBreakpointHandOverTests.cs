using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

/// <summary>TryHandOver: the exact boundary between two aims of one event that a flexible rotation relies on.</summary>
[Collection(HardwareCollection.Name)]
public sealed class PerfBreakpointHandOverTests
{
    [HardwareFact]
    public void A_hand_over_re_aims_the_event_enabled_in_its_slot_and_returns_the_count_at_the_boundary()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        var next = new BreakpointSpec(rig.Block.At(64), 4, BreakpointAccess.ReadWrite);
        long before = PerfBreakpoint.MonotonicNanoseconds();

        PerfFailure? failure = watch.TryHandOver(next, out PerfCounters counted, out long boundaryNs);

        Assert.Null(failure);
        Assert.Equal(next, watch.Spec);
        Assert.True(watch.IsEnabled);
        Assert.Equal(watch.ReadCounters(), counted);
        Assert.InRange(boundaryNs, before, PerfBreakpoint.MonotonicNanoseconds());
        PerfTimes times = watch.ReadTimes();
        Assert.Equal(times.Enabled, times.Running);
    }

    [HardwareFact]
    public void A_refused_hand_over_is_typed_and_leaves_the_event_disabled_on_its_old_aim()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        BreakpointSpec old = watch.Spec;

        // Valid to our checks, refused by the kernel: a kernel address with exclude_kernel fixed at open.
        PerfFailure? failure = watch.TryHandOver(new BreakpointSpec(0xffff_ffff_8100_0000, 8, BreakpointAccess.Write), out _, out _);

        Assert.Equal(PerfErrorKind.InvalidArgument, failure?.Kind);
        Assert.Equal(old, watch.Spec);
        Assert.False(watch.IsEnabled);
    }

    [HitsFact]
    public async Task Hits_before_the_boundary_are_the_old_aims_and_after_it_the_new_aims_by_count_and_by_sample_time()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        ulong oldCell = rig.Block.At(0);
        ulong newCell = rig.Block.At(128);
        await rig.Thread.RepeatAsync(5, () => Access.Write64(oldCell, 1));

        Assert.Null(watch.TryHandOver(new BreakpointSpec(newCell, 8, BreakpointAccess.Write), out PerfCounters counted, out long boundaryNs));
        await rig.Thread.RepeatAsync(5, () => Access.Write64(oldCell, 1));
        await rig.Thread.RepeatAsync(3, () => Access.Write64(newCell, 1));

        Assert.Equal(5UL, counted.Hits);
        Assert.Equal(8UL, watch.ReadCount());
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 8);
        Assert.All(hits, h => Assert.Equal(h.Address == newCell, (long)h.Time >= boundaryNs));
        Assert.Equal(3, hits.Count(h => h.Address == newCell));
    }
}
