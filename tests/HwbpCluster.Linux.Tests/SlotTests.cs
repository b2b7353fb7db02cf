using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class SlotTests
{
    private static readonly PerfBreakpointOptions CountOnly = new() { CountOnly = true };

    [HardwareFact]
    public void The_fifth_breakpoint_on_a_thread_is_refused_as_no_free_slot_and_a_released_slot_is_reusable()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        var held = Enumerable.Range(0, 4)
            .Select(i => PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(8 * i), 8, BreakpointAccess.Write), CountOnly))
            .ToList();
        try
        {
            PerfOpenResult fifth = PerfBreakpoint.TryOpen(thread.Target, new BreakpointSpec(block.At(32), 8, BreakpointAccess.Write), CountOnly);

            Assert.False(fifth.IsSuccess);
            Assert.Equal(PerfErrorKind.NoFreeSlot, fifth.Failure.Kind);
            Assert.Equal(28, fifth.Failure.Errno);
            Assert.Contains("held by another user of this host", fifth.Failure.Reason, StringComparison.Ordinal);

            held[2].Dispose();
            PerfOpenResult again = PerfBreakpoint.TryOpen(thread.Target, new BreakpointSpec(block.At(32), 8, BreakpointAccess.Write), CountOnly);
            Assert.True(again.IsSuccess, again.Failure?.ToString());
            held.Add(again.Breakpoint);
        }
        finally
        {
            held.ForEach(b => b.Dispose());
        }
    }

    [HardwareFact]
    public void A_disabled_breakpoint_still_holds_its_slot()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        var disabled = new PerfBreakpointOptions { CountOnly = true, StartEnabled = false };
        var held = Enumerable.Range(0, 4)
            .Select(i => PerfBreakpoint.Open(thread.Target, new BreakpointSpec(block.At(8 * i), 8, BreakpointAccess.Write), disabled))
            .ToList();
        try
        {
            PerfOpenResult fifth = PerfBreakpoint.TryOpen(thread.Target, new BreakpointSpec(block.At(32), 8, BreakpointAccess.Write), disabled);

            Assert.Equal(PerfErrorKind.NoFreeSlot, fifth.Failure?.Kind);
        }
        finally
        {
            held.ForEach(b => b.Dispose());
        }
    }

    [HardwareFact]
    public void Slots_are_counted_per_task_so_a_full_thread_does_not_block_another()
    {
        using var full = new WatchedThread();
        using var other = new WatchedThread();
        using var block = new NativeBlock(64);
        var held = Enumerable.Range(0, 4)
            .Select(i => PerfBreakpoint.Open(full.Target, new BreakpointSpec(block.At(8 * i), 8, BreakpointAccess.Write), CountOnly))
            .ToList();
        try
        {
            using PerfBreakpoint elsewhere = PerfBreakpoint.Open(other.Target, new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write), CountOnly);

            Assert.False(elsewhere.IsDisposed);
        }
        finally
        {
            held.ForEach(b => b.Dispose());
        }
    }

    [HardwareFact]
    public void The_slot_count_of_a_fresh_thread_is_four_on_x86_64()
    {
        int slots = HardwareBreakpoints.CountSlots();

        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? 4 : slots, slots);
        Assert.InRange(slots, 1, 16);
    }

    [PerfFact]
    public async Task Slots_held_by_an_outside_perf_are_reported_as_no_free_slot_and_are_ours_again_when_it_exits()
    {
        using var thread = new WatchedThread();
        using var block = new NativeBlock(64);
        var spec = new BreakpointSpec(block.At(32), 8, BreakpointAccess.Write);

        using (PerfTool perf = await PerfTool.StatAsync(thread.Tid, [block.At(0), block.At(8), block.At(16), block.At(24)], seconds: 2))
        {
            PerfOpenResult refused = PerfBreakpoint.TryOpen(thread.Target, spec, CountOnly);

            Assert.Equal(PerfErrorKind.NoFreeSlot, refused.Failure?.Kind);
            Assert.Contains("gdb, perf", refused.Failure!.Reason, StringComparison.Ordinal);
            Assert.Equal(4, (await perf.CountsAsync()).Count);
        }

        PerfOpenResult granted = PerfBreakpoint.TryOpen(thread.Target, spec, CountOnly);
        Assert.True(granted.IsSuccess, granted.Failure?.ToString());
        granted.Breakpoint.Dispose();
    }
}
