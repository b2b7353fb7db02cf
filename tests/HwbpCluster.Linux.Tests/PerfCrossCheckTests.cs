using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class PerfCrossCheckTests
{
    private const int Writes = 1000;

    [PerfFact]
    public async Task Linux_perf_counts_the_same_writes_our_breakpoint_streams()
    {
        using var rig = new WatchRig();
        ulong cell = rig.Block.At(0);
        // 64 pages hold 4,681 samples: the whole burst fits even if the reader thread is not scheduled meanwhile.
        PerfBreakpoint ours = rig.Watch(0, 8, BreakpointAccess.Write, new PerfBreakpointOptions { RingDataPages = 64 });

        IReadOnlyList<ulong> perfCounts;
        using (PerfTool perf = await PerfTool.StatAsync(rig.Thread.Tid, [cell], seconds: 4))
        {
            await rig.Thread.RepeatAsync(Writes, () => Access.Write64(cell, 7));
            perfCounts = await perf.CountsAsync();
        }

        Assert.Equal([(ulong)Writes], perfCounts);
        Assert.Equal(new PerfCounters(Writes, 0), ours.ReadCounters());
        Assert.Equal(Writes, (await HitCollector.CollectAsync(rig.Reader, Writes)).Count);
    }
}
