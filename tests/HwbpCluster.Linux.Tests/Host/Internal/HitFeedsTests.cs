using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;
using HwbpCluster.Linux.Tests.Host.Support;

namespace HwbpCluster.Linux.Tests.Host.Internal;

public sealed class HitFeedsTests
{
    private static HitRecord Hit(long reservation) =>
        new("h1", reservation, 0, 1, 0x401000, 0x1000, Access.Write, 0, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_hit_reaches_every_feed_of_its_session_and_no_other()
    {
        var feeds = new HitFeeds();
        EventSubscription<HitRecord> a1 = feeds.Subscribe("a", 8);
        EventSubscription<HitRecord> a2 = feeds.Subscribe("a", 8);
        EventSubscription<HitRecord> b = feeds.Subscribe("b", 8);

        feeds.Publish("a", Hit(1));
        feeds.CompleteAll();

        Assert.Equal([Hit(1)], await Feeds.TakeAsync(a1, 2));
        Assert.Equal([Hit(1)], await Feeds.TakeAsync(a2, 2));
        Assert.Empty(await Feeds.TakeAsync(b, 1));
    }

    [Fact]
    public void Hits_lost_before_the_feeds_count_as_dropped_in_every_feed_of_their_session_and_no_other()
    {
        var feeds = new HitFeeds();
        EventSubscription<HitRecord> a1 = feeds.Subscribe("a", 8);
        EventSubscription<HitRecord> a2 = feeds.Subscribe("a", 8);
        EventSubscription<HitRecord> b = feeds.Subscribe("b", 8);

        feeds.CountMissed("a", 5);
        feeds.CountMissed("a", 2);

        Assert.Equal((7L, 7L, 0L), (a1.Dropped, a2.Dropped, b.Dropped));
    }

    [Fact]
    public async Task A_disposed_feed_gets_nothing_more_and_the_others_keep_theirs()
    {
        var feeds = new HitFeeds();
        EventSubscription<HitRecord> gone = feeds.Subscribe("a", 8);
        EventSubscription<HitRecord> kept = feeds.Subscribe("a", 8);

        await gone.DisposeAsync();
        feeds.Publish("a", Hit(2));
        feeds.CompleteSession("a");

        Assert.Empty(await Feeds.TakeAsync(gone, 1));
        Assert.Equal([Hit(2)], await Feeds.TakeAsync(kept, 2));
    }

    [Fact]
    public async Task Completing_a_session_ends_its_feeds_after_what_they_buffered()
    {
        var feeds = new HitFeeds();
        EventSubscription<HitRecord> feed = feeds.Subscribe("a", 8);
        feeds.Publish("a", Hit(3));

        feeds.CompleteSession("a");
        feeds.Publish("a", Hit(4));

        Assert.Equal([Hit(3)], await Feeds.TakeAsync(feed, 1));
        Assert.True(await Feeds.EndsAsync(feed));
    }
}
