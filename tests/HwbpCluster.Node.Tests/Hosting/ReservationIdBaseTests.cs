using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Node.Tests.Hosting;

public sealed class ReservationIdBaseTests
{
    [Fact]
    public void A_run_that_starts_a_millisecond_later_starts_a_million_ids_higher()
    {
        var start = new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);

        var earlier = ReservationIdBase.For(start);
        var later = ReservationIdBase.For(start.AddMilliseconds(1));

        Assert.Equal(1L << 20, later - earlier);
        Assert.InRange(ReservationIdBase.For(start.AddYears(100)), earlier, long.MaxValue);
    }
}
