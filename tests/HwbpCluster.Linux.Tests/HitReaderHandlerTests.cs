using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class HitReaderHandlerTests
{
    [HitsFact]
    public async Task A_hit_handler_takes_every_hit_on_the_reader_thread_with_no_buffer_to_drop_from()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(128);
        var handed = new HandedHits();

        // A one-hit channel would drop 199 of these: with a handler there is no channel.
        using var reader = new HitReader(new HitReaderOptions { HitCapacity = 1 }, handed.Take);
        using PerfBreakpoint a = PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write));
        using PerfBreakpoint b = PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(64), 8, BreakpointAccess.Write));
        reader.Attach(a);
        reader.Attach(b);

        await thread.RepeatAsync(150, () => Access.Write64(block.At(0), 1));
        await thread.RepeatAsync(50, () => Access.Write64(block.At(64), 1));
        List<RawHit> hits = await handed.WaitForAsync(200);

        Assert.True(reader.Hits.Completion.IsCompleted);
        Assert.Equal(["hwbp hit reader"], handed.Threads);
        Assert.Equal(150, hits.Count(h => h.EventId == a.Id));
        Assert.Equal(50, hits.Count(h => h.EventId == b.Id));
        Assert.Equal(hits.OrderBy(h => h.Time), hits);
        Assert.Equal(new HitStreamStats(150, 0, 0, 0, TaskGone: false), reader.GetStats(a));
    }

    [HitsFact]
    public async Task A_thread_that_exits_is_told_gone_only_after_its_hits_were_handed_over()
    {
        using var block = new NativeBlock(64);
        var handed = new HandedHits();
        HitReader reader = null!;

        // Whether the exit was already told when the hits were handed over: it must not be (its handling releases what
        // routes them). No wakeups and a long poll: the thread's hang-up wakes the reader, whose one pass holds both.
        bool goneBeforeHits = false;
        reader = new HitReader(new HitReaderOptions { PollTimeout = TimeSpan.FromSeconds(1) }, hits =>
        {
            goneBeforeHits |= reader.Notices.TryPeek(out HitNotice first) && first.Kind == HitNoticeKind.TaskGone;
            handed.Take(hits);
        });
        using HitReader owned = reader;
        var thread = new WatchedThread();
        using PerfBreakpoint watch = PerfBreakpoint.Open(
            thread.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write), new PerfBreakpointOptions { WakeupEvents = 1000 });
        reader.Attach(watch);

        await thread.RepeatAsync(3, () => Access.Write64(block.At(0), 1));
        thread.Dispose();

        // The notices are read only once the hits were handed over, so the handler's peek sees an exit told before them.
        Assert.Equal(3, (await handed.WaitForAsync(3)).Count);
        HitNotice? gone = await HitCollector.WaitForNoticeAsync(reader, HitNoticeKind.TaskGone, TimeSpan.FromSeconds(10));

        Assert.Equal(new HitNotice(watch.Id, HitNoticeKind.TaskGone, 0), gone);
        Assert.False(goneBeforeHits);
    }

    /// <summary>What a handler was given, copied out of the reader's span, and the threads it was called on.</summary>
    private sealed class HandedHits
    {
        private readonly Lock _gate = new();
        private readonly List<RawHit> _hits = [];
        private readonly HashSet<string?> _threads = [];

        public IReadOnlyCollection<string?> Threads
        {
            get
            {
                lock (_gate)
                {
                    return [.. _threads];
                }
            }
        }

        public void Take(ReadOnlySpan<RawHit> hits)
        {
            lock (_gate)
            {
                _hits.AddRange(hits);
                _threads.Add(Thread.CurrentThread.Name);
            }
        }

        public async Task<List<RawHit>> WaitForAsync(int count)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                lock (_gate)
                {
                    if (_hits.Count >= count)
                    {
                        return [.. _hits];
                    }
                }

                await Task.Delay(10, deadline.Token);
            }
        }
    }
}
