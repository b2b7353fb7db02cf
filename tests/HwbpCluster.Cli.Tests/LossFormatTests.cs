using System.Text.Json;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>Hits a reservation's host counted but no watcher received: said in list, in JSON, and at the end of a watch.</summary>
public sealed class LossFormatTests
{
    [Fact]
    public void A_watch_that_missed_hits_says_how_many_and_why()
    {
        var reservation = new Reservation { Id = "h1/3", Losses = new HitLosses { Kernel = 87, Corrupt = 1 } };

        Assert.Equal("h1/3 missed hits: 87 the kernel's ring was full; 1 in corrupt records; 5 dropped toward this watch, read too slowly",
            Format.Missed(reservation, dropped: 5));
        Assert.Equal(88UL, Format.Lost(reservation.Losses));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(true, 0L)]
    public void A_watch_that_missed_nothing_says_nothing(bool counted, long? dropped)
    {
        var reservation = new Reservation { Id = "h1/3", Losses = counted ? new HitLosses() : null };

        Assert.Null(Format.Missed(reservation, dropped));
    }

    [Fact]
    public void Json_gives_the_losses_by_cause_and_null_where_the_host_counts_none()
    {
        var counted = Json(new Reservation { Losses = new HitLosses { Kernel = 2, Reader = 3, Corrupt = 4 } }).GetProperty("lost");
        var uncounted = Json(new Reservation()).GetProperty("lost");

        Assert.Equal((2UL, 3UL, 4UL), (counted.GetProperty("kernel").GetUInt64(), counted.GetProperty("reader").GetUInt64(), counted.GetProperty("corrupt").GetUInt64()));
        Assert.Equal(JsonValueKind.Null, uncounted.ValueKind);
        Assert.Null(Format.Lost(null));
    }

    private static JsonElement Json(Reservation reservation) => JsonDocument.Parse(JsonLine.Of(w => Shapes.Reservation(w, reservation))).RootElement.Clone();
}
