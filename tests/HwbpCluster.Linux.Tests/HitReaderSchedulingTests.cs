using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests;

/// <summary>The reader thread runs ahead of ordinary threads where it may, so a hit's value is read before the next write.</summary>
public sealed class HitReaderSchedulingTests
{
    private const int CapSysNice = 23;

    [Fact]
    public void The_reader_runs_real_time_where_the_process_may_and_as_an_ordinary_thread_when_told_not_to()
    {
        using var asked = new HitReader();
        using var ordinary = new HitReader(new HitReaderOptions { Realtime = false });

        Assert.Equal(PerfParanoia.HasCapability(CapSysNice), asked.RunsRealtime);
        Assert.False(ordinary.RunsRealtime);
    }
}
