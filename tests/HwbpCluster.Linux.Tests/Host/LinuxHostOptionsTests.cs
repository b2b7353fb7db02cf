using HwbpCluster.Linux.Host;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>A wakeup every N hits comes with a ring that holds sixteen wakeups, so batching never makes the kernel drop hits.</summary>
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
        var options = LinuxHostOptions.ForHitWakeup(wakeup);
        int pages = options.RingDataPages;
        long bytes = (long)pages * Environment.SystemPageSize;

        Assert.Equal(wakeup, options.WakeupEvents);
        Assert.True(int.IsPow2(pages), $"{pages} pages");
        Assert.True(pages >= LinuxHostOptions.Default.RingDataPages, $"{pages} pages, fewer than the default's");
        Assert.True(bytes >= 16L * wakeup * SampleBytes, $"{pages} pages hold fewer than sixteen wakeups of {wakeup}");
        Assert.True(pages == LinuxHostOptions.Default.RingDataPages || bytes / 2 < 16L * wakeup * SampleBytes, $"{pages} pages: half would do");
    }

    [Fact]
    public void A_wakeup_per_hit_is_the_default_with_its_eight_pages() =>
        Assert.Equal(LinuxHostOptions.Default, LinuxHostOptions.ForHitWakeup(1));
}
