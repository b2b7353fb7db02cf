using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class HitReaderTests
{
    [HitsFact]
    public async Task A_watched_thread_that_exits_is_reported_as_task_gone_after_its_last_hits()
    {
        using var block = new NativeBlock(64);
        using var reader = new HitReader();
        var thread = new WatchedThread();
        using PerfBreakpoint watch = PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write));
        reader.Attach(watch);

        await thread.RepeatAsync(3, () => Access.Write64(block.At(0), 1));
        thread.Dispose();
        HitNotice? gone = await HitCollector.WaitForNoticeAsync(reader, HitNoticeKind.TaskGone, TimeSpan.FromSeconds(10));

        Assert.Equal(new HitNotice(watch.Id, HitNoticeKind.TaskGone, 0), gone);
        Assert.Equal(3, (await HitCollector.CollectAsync(reader, 3)).Count);
        Assert.Equal(new HitStreamStats(3, 0, 0, 0, TaskGone: true), reader.GetStats(watch));
        Assert.Equal(3UL, watch.ReadCount());
    }

    [HitsFact]
    public async Task A_full_hits_channel_drops_and_counts_instead_of_blocking_the_reader()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        using var reader = new HitReader(new HitReaderOptions { HitCapacity = 4 });
        using PerfBreakpoint watch = PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write));
        reader.Attach(watch);

        await thread.RepeatAsync(20, () => Access.Write64(block.At(0), 1));
        HitNotice? dropped = await HitCollector.WaitForNoticeAsync(reader, HitNoticeKind.Dropped, TimeSpan.FromSeconds(10));
        HitStreamStats stats = await WaitForSamplesAsync(reader, watch, 20);

        Assert.NotNull(dropped);
        Assert.Equal(16UL, stats.Dropped);
        Assert.Equal(4, (await HitCollector.CollectAsync(reader, 4)).Count);
    }

    [HitsFact]
    public async Task Hits_the_kernel_could_not_fit_in_the_ring_are_counted_and_reported_as_lost()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        using var reader = new HitReader();
        var onePage = new PerfBreakpointOptions { RingDataPages = 1 };
        using PerfBreakpoint watch = PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write), onePage);

        // Nobody drains yet: one 4 KiB page holds 73 samples of 56 bytes, the rest are lost.
        await thread.RepeatAsync(200, () => Access.Write64(block.At(0), 1));
        PerfCounters counters = watch.ReadCounters();
        reader.Attach(watch);
        await HitCollector.CollectAsync(reader, 73);
        await thread.RunAsync(() => Access.Write64(block.At(0), 1));
        HitNotice? lost = await HitCollector.WaitForNoticeAsync(reader, HitNoticeKind.Lost, TimeSpan.FromSeconds(10));

        Assert.Equal(new PerfCounters(200, 127), counters);
        Assert.Equal(new HitNotice(watch.Id, HitNoticeKind.Lost, 127), lost);
    }

    [HitsFact]
    public async Task A_one_page_ring_wraps_many_times_without_losing_or_garbling_a_hit()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        using var reader = new HitReader();
        using PerfBreakpoint watch = PerfBreakpoint.Open(
            thread.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write), new PerfBreakpointOptions { RingDataPages = 1 });
        reader.Attach(watch);
        var hits = new List<RawHit>();

        // 56-byte samples in a 4,096-byte ring: 20 bursts of 50 wrap it 13 times and split records at the end.
        for (int burst = 0; burst < 20; burst++)
        {
            await thread.RepeatAsync(50, () => Access.Write64(block.At(0), 1));
            hits.AddRange(await HitCollector.CollectAsync(reader, 50));
        }

        Assert.Equal(1000, hits.Count);
        Assert.All(hits, hit => Assert.Equal((block.At(0), thread.Tid, Environment.ProcessId), (hit.Address, hit.Tid, hit.Pid)));
        Assert.Equal(new PerfCounters(1000, 0), watch.ReadCounters());
    }

    [HitsFact]
    public async Task Hits_of_several_breakpoints_share_one_stream_and_carry_their_event_ids()
    {
        using var rig = new WatchRig();
        PerfBreakpoint a = rig.Watch(0, 8, BreakpointAccess.Write);
        PerfBreakpoint b = rig.Watch(64, 8, BreakpointAccess.Write);

        await rig.Thread.RepeatAsync(3, () => Access.Write64(rig.Block.At(0), 1));
        await rig.Thread.RepeatAsync(2, () => Access.Write64(rig.Block.At(64), 1));
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 5);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(3, hits.Count(h => h.EventId == a.Id && h.Address == rig.Block.At(0)));
        Assert.Equal(2, hits.Count(h => h.EventId == b.Id && h.Address == rig.Block.At(64)));
    }

    [HitsFact]
    public async Task A_detached_breakpoint_keeps_counting_but_streams_nothing()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);

        rig.Reader.Detach(watch);
        await rig.Thread.RepeatAsync(3, () => Access.Write64(rig.Block.At(0), 1));

        Assert.Equal(3UL, watch.ReadCount());
        Assert.Null(rig.Reader.GetStats(watch));
        Assert.False(rig.Reader.Hits.TryRead(out _));
    }

    private static async Task<HitStreamStats> WaitForSamplesAsync(HitReader reader, PerfBreakpoint watch, ulong samples)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (reader.GetStats(watch) is not { } stats || stats.Samples < samples)
        {
            await Task.Delay(10, deadline.Token);
        }

        return reader.GetStats(watch)!.Value;
    }
}
