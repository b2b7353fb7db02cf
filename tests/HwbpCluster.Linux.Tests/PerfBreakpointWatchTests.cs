using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class PerfBreakpointWatchTests
{
    private const int Writes = 100;

    [HitsFact]
    public async Task Every_write_to_the_watched_variable_arrives_as_one_hit_from_the_writing_thread()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);
        ulong cell = rig.Block.At(0);

        await rig.Thread.RepeatAsync(Writes, () => Access.Write64(cell, 42));
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, Writes);

        Assert.Equal(Writes, hits.Count);
        Assert.All(hits, hit =>
        {
            Assert.Equal(watch.Id, hit.EventId);
            Assert.Equal(rig.Thread.Tid, hit.Tid);
            Assert.Equal(Environment.ProcessId, hit.Pid);
            Assert.Equal(cell, hit.Address);
            Assert.True(ProcessMaps.IsExecutable(hit.Ip), $"ip 0x{hit.Ip:x} is not code of this process");
        });
        Assert.Equal(new PerfCounters(Writes, 0), watch.ReadCounters());
    }

    [HitsFact]
    public async Task Hits_carry_monotonic_timestamps_in_the_order_they_happened()
    {
        using var rig = new WatchRig();
        rig.Watch(0, 8, BreakpointAccess.Write);
        ulong cell = rig.Block.At(0);
        long before = System.Diagnostics.Stopwatch.GetTimestamp();

        await rig.Thread.RepeatAsync(10, () => Access.Write64(cell, 1));
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 10);

        Assert.Equal(10, hits.Count);
        Assert.True(hits[0].Time >= (ulong)before, "sample time precedes the writes: not CLOCK_MONOTONIC");
        Assert.Equal(hits.Select(h => h.Time).Order(), hits.Select(h => h.Time));
    }

    [HitsFact]
    public async Task A_write_watch_ignores_reads_and_a_read_write_watch_sees_them()
    {
        using var rig = new WatchRig();
        PerfBreakpoint writeOnly = rig.Watch(0, 8, BreakpointAccess.Write);
        PerfBreakpoint readWrite = rig.Watch(64, 8, BreakpointAccess.ReadWrite);
        ulong a = rig.Block.At(0);
        ulong b = rig.Block.At(64);

        await rig.Thread.RepeatAsync(7, () => _ = Access.Read64(a) + Access.Read64(b));

        Assert.Equal(0UL, writeOnly.ReadCount());
        Assert.Equal(7UL, readWrite.ReadCount());
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 7);
        Assert.All(hits, hit => Assert.Equal(b, hit.Address));
    }

    [HardwareFact]
    public async Task Writes_next_to_the_watched_range_give_no_hits()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(8, 8, BreakpointAccess.Write);

        await rig.Thread.RunAsync(() =>
        {
            Access.Write64(rig.Block.At(0), 1);
            Access.Write64(rig.Block.At(16), 1);
            Access.Write8(rig.Block.At(7), 1);
            Access.Write8(rig.Block.At(16), 1);
        });

        Assert.Equal(0UL, watch.ReadCount());
    }

    [HitsFact]
    public async Task An_unaligned_write_that_overlaps_the_watched_range_hits_and_reports_the_watched_address()
    {
        using var rig = new WatchRig();
        PerfBreakpoint watch = rig.Watch(8, 8, BreakpointAccess.Write);

        await rig.Thread.RunAsync(() =>
        {
            Access.WriteUnaligned16(rig.Block.At(7), 1);
            Access.WriteUnaligned16(rig.Block.At(15), 1);
            Access.Write8(rig.Block.At(11), 1);
        });

        Assert.Equal(3UL, watch.ReadCount());
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 3);
        Assert.All(hits, hit => Assert.Equal(rig.Block.At(8), hit.Address));
    }

    [HardwareFact]
    public async Task Another_thread_writing_the_watched_variable_gives_no_hits_to_a_task_bound_watch()
    {
        using var rig = new WatchRig();
        using var other = new WatchedThread();
        PerfBreakpoint watch = rig.Watch(0, 8, BreakpointAccess.Write);

        await other.RepeatAsync(5, () => Access.Write64(rig.Block.At(0), 5));

        Assert.Equal(0UL, watch.ReadCount());
    }
}
