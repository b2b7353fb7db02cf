using HwbpCluster.Cluster.Tests.Support;

namespace HwbpCluster.Cluster.Tests;

/// <summary>Watched sessions that reserve on another node's host leave nothing behind, on either node, once they close.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FeedLeakTests
{
    private const int Sessions = 20;

    [Fact]
    public async Task Closed_watched_sessions_leave_no_feed_on_the_owner_and_no_feed_reachable_on_their_node()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (n1, n2) = (cluster[0], cluster[1]);
        var feeds = new List<WeakReference>();
        for (var i = 0; i < Sessions; i++)
        {
            feeds.Add(await WatchedSessionAsync(n2, i));
        }

        await cluster.WaitAsync(
            () => n1.Cluster.RemoteFeedCount == 0 && n1.Cluster.RemoteFeedPumps == 0 && n1.Cluster.RemoteSessionCount == 0,
            "n1 holds no feed, pump or lease for n2's closed sessions", TimeSpan.FromSeconds(5));
        Assert.Equal(0, n2.Cluster.RemoteFeedCount);

        // The readers on n2 stopped; nothing may still reach the feeds they filled (Akka.Remote's resolve caches kept every one
        // for good). The last reader's stop may still be settling, so this polls.
        await cluster.WaitAsync(() => Collected(feeds) == feeds.Count, "every ended feed collected on n2", TimeSpan.FromSeconds(5));
    }

    private static int Collected(List<WeakReference> feeds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return feeds.Count(f => !f.IsAlive);
    }

    // As the node serves a watched session: a watch on every host, reservations on the other node's, the close, the end of
    // the watch, its disposal. Returns a weak reference to the feed read from n1's host.
    private static async Task<WeakReference> WatchedSessionAsync(TestNode n2, int i)
    {
        var id = await n2.OpenSessionAsync(TimeSpan.FromSeconds(60));
        var remote = n2.Resolve("h1").WatchReservations(id, 64);
        var local = n2.Host.WatchReservations(id, 64);
        await remote.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        var reservation = await n2.Resolve("h1").ReserveAsync(id, Reserve.OnCpu(i % 2));
        await n2.Resolve("h1").ReleaseAsync(id, reservation.Id);
        await n2.Resolve("h1").ReserveAsync(id, Reserve.OnCpu(i % 2));

        await n2.Host.CloseSessionAsync(id, "session-closed");
        await n2.Cluster.SessionEndedAsync(id, "session-closed");
        var events = await remote.ReadAllAsync().ToArrayAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await local.ReadAllAsync().ToArrayAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await remote.DisposeAsync();
        await local.DisposeAsync();

        Assert.Equal(["reserved", "released", "reserved", "session-closed"], events.Select(e => e.Reason));
        Assert.Null(remote.Lost);
        return new WeakReference(remote);
    }
}
