using HwbpCluster.Linux.Internal;
using HwbpCluster.Linux.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HwbpCluster.Linux.Tests;

/// <summary>One ring per task, shared by the task's breakpoints (PERF_EVENT_IOC_SET_OUTPUT), on the real kernel.</summary>
[Collection(HardwareCollection.Name)]
public sealed class TaskRingTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    [HitsFact]
    public async Task Breakpoints_of_one_task_share_its_ring_and_each_hit_names_its_own_breakpoint()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(128);
        using var rings = new TaskRings(TimeProvider.System, Linger);
        using var reader = new HitReader();
        using PerfBreakpoint a = Open(thread, block.At(0), rings);
        using PerfBreakpoint b = Open(thread, block.At(64), rings);
        reader.Attach(a);
        reader.Attach(b);

        await thread.RepeatAsync(3, () => Access.Write64(block.At(0), 5));
        await thread.RepeatAsync(2, () => Access.Write64(block.At(64), 6));
        List<RawHit> hits = await HitCollector.CollectAsync(reader, 5);

        Assert.True(a.SharesRing && b.SharesRing);
        Assert.Same(a.Ring, b.Ring);
        Assert.Equal(1, rings.Count);
        Assert.Equal(3, hits.Count(h => h.EventId == a.Id && h.Address == block.At(0) && h.Tid == thread.Tid && h.ValueAfter == 5));
        Assert.Equal(2, hits.Count(h => h.EventId == b.Id && h.Address == block.At(64) && h.ValueAfter == 6));
        Assert.Equal(new HitStreamStats(3, 0, 0, 0, TaskGone: false), reader.GetStats(a));
        Assert.Equal(new HitStreamStats(2, 0, 0, 0, TaskGone: false), reader.GetStats(b));
    }

    [HitsFact]
    public async Task A_shared_ring_too_small_tells_each_breakpoint_exactly_how_many_of_its_own_hits_were_lost()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(128);
        using var rings = new TaskRings(TimeProvider.System, Linger);
        using var reader = new HitReader();
        var onePage = new PerfBreakpointOptions { RingDataPages = 1 };
        using PerfBreakpoint a = Open(thread, block.At(0), rings, onePage);
        using PerfBreakpoint b = Open(thread, block.At(64), rings, onePage);

        // Nobody drains yet: one 4 KiB page holds 63 samples of 64 bytes (the kernel keeps a byte free), all of them a's; the kernel counts each event's losses.
        await thread.RepeatAsync(150, () => Access.Write64(block.At(0), 1));
        await thread.RepeatAsync(100, () => Access.Write64(block.At(64), 2));
        reader.Attach(a);
        reader.Attach(b);
        HitStreamStats? sa = await StatsWhenAsync(reader, a, s => s.Samples + s.Lost == 150);
        HitStreamStats? sb = await StatsWhenAsync(reader, b, s => s.Samples + s.Lost == 100);

        Assert.Equal(63UL, sa?.Samples);
        Assert.Equal(87UL, sa?.Lost);
        Assert.Equal(0UL, sb?.Samples);
        Assert.Equal(100UL, sb?.Lost);
        Assert.Equal(a.ReadCounters().Lost, sa?.Lost);
        Assert.Equal(b.ReadCounters().Lost, sb?.Lost);
    }

    [HardwareFact]
    public void A_task_ring_outlives_its_last_breakpoint_for_the_linger_and_is_reused_meanwhile()
    {
        var time = new FakeTimeProvider();
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        using var rings = new TaskRings(time, Linger);
        int baseline = PerfFds.Count();

        PerfBreakpoint first = Open(thread, block.At(0), rings);
        RingReader? ring = first.Ring;
        first.Dispose();
        time.Advance(Linger - TimeSpan.FromSeconds(1));
        Assert.Equal(1, rings.Count);
        PerfBreakpoint second = Open(thread, block.At(0), rings);
        Assert.Same(ring, second.Ring);
        second.Dispose();

        // The linger starts again from the last close.
        time.Advance(Linger - TimeSpan.FromSeconds(1));
        Assert.Equal(1, rings.Count);
        Assert.Equal(baseline + 1, PerfFds.Count());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, rings.Count);
        Assert.Equal(baseline, PerfFds.Count());
    }

    [HardwareFact]
    public void A_retired_ring_closes_with_its_last_breakpoint_and_the_next_breakpoint_gets_a_new_one()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        using var rings = new TaskRings(TimeProvider.System, Linger);
        int baseline = PerfFds.Count();

        PerfBreakpoint old = Open(thread, block.At(0), rings);
        rings.Retire(thread.Tid);
        PerfBreakpoint next = Open(thread, block.At(8), rings);

        Assert.NotSame(old.Ring, next.Ring);
        Assert.Equal(baseline + 4, PerfFds.Count());
        old.Dispose();
        Assert.Equal(baseline + 2, PerfFds.Count());
        next.Dispose();
        rings.Dispose();
        Assert.Equal(baseline, PerfFds.Count());
    }

    [HardwareFact]
    public void The_kernel_redirects_only_into_a_ring_of_the_same_task()
    {
        using var owner = new WatchedThread();
        using var other = new WatchedThread();
        using var block = new NativeBlock(64);
        Assert.Equal(0, TaskRing.TryOpen(owner.Tid, 1, out TaskRing? ring));
        using (ring)
        using (PerfBreakpoint countOnly = PerfBreakpoint.Open(
            other.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write), new PerfBreakpointOptions { CountOnly = true }))
        {
            // Why a ring kept for an exited thread is retired when a new thread reuses its tid: the kernel refuses it.
            Assert.Equal(-Errno.EINVAL, ring!.Redirect(countOnly.Fd));
        }
    }

    private static PerfBreakpoint Open(WatchedThread thread, ulong address, TaskRings rings, PerfBreakpointOptions? options = null)
    {
        PerfOpenResult result = PerfBreakpoint.TryOpen(
            thread.Target, new BreakpointSpec(address, 8, BreakpointAccess.Write), options ?? new PerfBreakpointOptions(), rings);
        return result.IsSuccess ? result.Breakpoint : throw new PerfException(result.Failure);
    }

    private static async Task<HitStreamStats?> StatsWhenAsync(HitReader reader, PerfBreakpoint breakpoint, Func<HitStreamStats, bool> done)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!deadline.IsCancellationRequested)
        {
            if (reader.GetStats(breakpoint) is { } stats && done(stats))
            {
                return stats;
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return reader.GetStats(breakpoint);
    }
}
