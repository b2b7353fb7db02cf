using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

/// <summary>Thread exits reach the reader's consumer however full its notice channel is (a lost exit would leak accounting).</summary>
[Collection(HardwareCollection.Name)]
public sealed class HitReaderNoticeTests
{
    private const int Threads = 12;

    [HardwareFact]
    public async Task Every_exit_is_delivered_even_when_the_exits_overflow_a_notice_channel_nobody_reads_yet()
    {
        using var block = new NativeBlock(8 * Threads);
        using var reader = new HitReader(new HitReaderOptions { NoticeCapacity = 1 });
        var threads = Enumerable.Range(0, Threads).Select(_ => new WatchedThread()).ToList();
        using var watches = new DisposableList(threads.Select((t, i) =>
            PerfBreakpoint.Open(t.Target, new BreakpointSpec(block.At(8 * i), 8, BreakpointAccess.Write))));
        foreach (PerfBreakpoint watch in watches.Items)
        {
            reader.Attach(watch);
        }

        // All exit at once while no one reads: a channel of one holds one exit, the others must wait, not vanish.
        threads.ForEach(t => t.Dispose());
        Assert.True(await Eventually.HoldsAsync(() => watches.Items.All(w => reader.GetStats(w) is { TaskGone: true })));
        var gone = new HashSet<ulong>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (HitNotice notice in reader.Notices.ReadAllAsync(deadline.Token))
        {
            if (notice.Kind == HitNoticeKind.TaskGone && gone.Add(notice.EventId) && gone.Count == Threads)
            {
                break;
            }
        }

        Assert.Equal(watches.Items.Select(w => w.Id).ToHashSet(), gone);
    }
}
