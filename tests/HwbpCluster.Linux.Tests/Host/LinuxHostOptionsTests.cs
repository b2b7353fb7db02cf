using HwbpCluster.Linux.Host;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>An event's ring holds sixteen wakeups' hits, so batching wakeups never makes the kernel drop hits on its own.</summary>
public sealed class LinuxHostOptionsTests
{
    private const int SampleBytes = 56;

    [Theory]
    [InlineData(1u)]
    [InlineData(64u)]
    [InlineData(256u)]
    [InlineData(1024u)]
    public void The_ring_holds_sixteen_wakeups_of_hits_in_the_fewest_pages_a_power_of_two_allows(uint wakeup)
    {
        var options = LinuxHostOptions.Default with { WakeupEvents = wakeup };
        int pages = options.EventRingPages;
        long bytes = (long)pages * Environment.SystemPageSize;

        Assert.True(int.IsPow2(pages), $"{pages} pages");
        Assert.True(pages >= options.RingDataPages, $"{pages} pages, fewer than the {options.RingDataPages} asked for");
        Assert.True(bytes >= 16L * wakeup * SampleBytes, $"{pages} pages hold fewer than sixteen wakeups of {wakeup}");
        Assert.True(pages == options.RingDataPages || bytes / 2 < 16L * wakeup * SampleBytes, $"{pages} pages: half would do");
    }

    [Fact]
    public void The_default_keeps_its_eight_pages_and_a_wakeup_per_hit() =>
        Assert.Equal((8, 1u), (LinuxHostOptions.Default.EventRingPages, LinuxHostOptions.Default.WakeupEvents));
}
