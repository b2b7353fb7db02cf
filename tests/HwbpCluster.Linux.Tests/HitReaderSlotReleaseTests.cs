using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class HitReaderSlotReleaseTests
{
    [HitsFact]
    public async Task A_breakpoint_disposed_while_the_reader_polls_it_frees_its_slot_at_once()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        // A long poll: before the fix, poll's reference to the closed event held its slot until the timeout.
        using var reader = new HitReader(new HitReaderOptions { PollTimeout = TimeSpan.FromSeconds(1) });
        using var held = new DisposableList(Enumerable.Range(0, 4)
            .Select(i => PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(8 * i), 8, BreakpointAccess.Write))));
        held.Items.ForEach(reader.Attach);
        await thread.RunAsync(() => Access.Write64(block.At(0), 1));
        Assert.Single(await HitCollector.CollectAsync(reader, 1));
        // The reader delivered a hit, so it polls these events again now; give it time to be blocked in that poll.
        await Task.Delay(100);

        held.Items[3].Dispose();
        PerfOpenResult fifth = PerfBreakpoint.TryOpen(thread.Target, new BreakpointSpec(block.At(32), 8, BreakpointAccess.Write));
        fifth.Breakpoint?.Dispose();

        Assert.True(fifth.IsSuccess, fifth.Failure?.ToString());
    }

    [HardwareFact]
    public async Task A_breakpoint_detached_while_the_reader_waits_frees_its_slot_as_soon_as_it_is_disposed()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        // A long wait: the reader sits in it, with every attached event in its set, while the breakpoints come and go.
        using var reader = new HitReader(new HitReaderOptions { PollTimeout = TimeSpan.FromSeconds(1) });
        var held = Enumerable.Range(0, 4)
            .Select(i => PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(8 * i), 8, BreakpointAccess.Write))).ToList();
        held.ForEach(reader.Attach);
        await Task.Delay(100);

        // Each round frees the fourth slot and takes it again at once: a slot still held by the reader would refuse the open.
        var refusals = new List<string>();
        try
        {
            for (int round = 0; round < 50 && refusals.Count == 0; round++)
            {
                held[3].Dispose();
                PerfOpenResult again = PerfBreakpoint.TryOpen(thread.Target, new BreakpointSpec(block.At(24), 8, BreakpointAccess.Write));
                if (again.IsSuccess)
                {
                    held[3] = again.Breakpoint;
                    reader.Attach(held[3]);
                }
                else
                {
                    refusals.Add($"round {round}: {again.Failure}");
                }
            }
        }
        finally
        {
            held.ForEach(b => b.Dispose());
        }

        Assert.Empty(refusals);
    }
}
