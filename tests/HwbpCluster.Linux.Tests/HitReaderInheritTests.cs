using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

/// <summary>Inherited breakpoints name the threads that receive them (FORK/EXIT records), which needs no hits to observe.</summary>
[Collection(HardwareCollection.Name)]
public sealed class HitReaderInheritTests
{
    private const int Children = 5;

    [HardwareFact]
    public async Task Every_thread_the_watched_one_creates_is_told_forked_and_exited_even_through_a_one_slot_channel()
    {
        using var block = new NativeBlock(8);
        using var watched = new WatchedThread();
        using var reader = new HitReader(new HitReaderOptions { NoticeCapacity = 1 });
        var inherit = new PerfBreakpointOptions { Inherit = true };
        using var perCpu = new DisposableList(Enumerable.Range(0, Environment.ProcessorCount).Select(cpu => PerfBreakpoint.Open(
            new BreakpointTarget(watched.Tid, cpu), new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write), inherit)));
        perCpu.Items.ForEach(reader.Attach);

        var children = new List<int>();
        await watched.RunAsync(() =>
        {
            for (int i = 0; i < Children; i++)
            {
                var child = new Thread(() => { lock (children) { children.Add(LinuxThreads.CurrentTid()); } });
                child.Start();
                child.Join();
            }
        });
        List<HitNotice> told = await ThreadNoticesAsync(reader, 2 * Children);

        // Each CPU's ring keeps its records in order; a fork and an exit on different CPUs may be read in either order.
        Assert.Equal(
            children.SelectMany(tid => new[] { (HitNoticeKind.ThreadForked, tid), (HitNoticeKind.ThreadExited, tid) }).Order(),
            told.Select(n => (n.Kind, n.Tid)).Order());
        Assert.All(told.Where(n => n.Kind == HitNoticeKind.ThreadForked), n => Assert.Equal(watched.Tid, n.ParentTid));
    }

    [Fact]
    public void An_inherited_breakpoint_with_a_ring_on_every_cpu_at_once_is_refused_before_the_kernel_is_asked()
    {
        PerfOpenResult result = PerfBreakpoint.TryOpen(
            BreakpointTarget.Task(LinuxThreads.CurrentTid()), new BreakpointSpec(0x1000, 8, BreakpointAccess.Write),
            new PerfBreakpointOptions { Inherit = true });

        Assert.False(result.IsSuccess);
        Assert.Equal((PerfErrorKind.InvalidArgument, "validate"), (result.Failure.Kind, result.Failure.Operation));
    }

    private static async Task<List<HitNotice>> ThreadNoticesAsync(HitReader reader, int count)
    {
        var told = new List<HitNotice>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (HitNotice notice in reader.Notices.ReadAllAsync(deadline.Token))
            {
                if (notice.Kind is HitNoticeKind.ThreadForked or HitNoticeKind.ThreadExited)
                {
                    told.Add(notice);
                    if (told.Count == count)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Fewer than expected: the assertion shows which.
        }

        return told;
    }
}
