using HwbpCluster.Cluster.Tests.Support;

namespace HwbpCluster.Cluster.Tests;

/// <summary>Watches of another node's host: a session's close ends them normally; losing the node ends them as lost, naming the host.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FeedLossTests
{
    [Fact]
    public async Task A_feed_from_a_node_that_crashes_ends_as_lost_naming_its_host_and_node()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        var feed = cluster[0].Resolve("h3").WatchReservations(id, 64);
        await feed.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        await cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(0));
        await using var events = feed.ReadAllAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("h3", events.Current.Reservation.Host);

        cluster[2].Cluster.Crash();

        // The failure detector's timing is tested elsewhere; here: once n1 no longer reaches n3, the feed ends as lost (10 s
        // allows for a loaded two-core machine, where the unreachability event reaches the feed's reader late).
        await cluster.WaitAsync(() => cluster[0].Cluster.Members().All(m => m.Node != "n3" || !m.Reachable), "n3 unreachable from n1",
            TimeSpan.FromSeconds(30));
        await cluster.WaitAsync(() => feed.Lost is not null, "the feed from h3 ended as lost", TimeSpan.FromSeconds(10));

        Assert.Contains("host 'h3' on node 'n3'", feed.Lost, StringComparison.Ordinal);
        Assert.False(await events.MoveNextAsync());
    }

    [Fact]
    public async Task A_feed_ends_normally_when_its_session_closes_at_the_origin()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        var feed = cluster[0].Resolve("h2").WatchReservations(id, 64);
        await feed.Ready.WaitAsync(TimeSpan.FromSeconds(10)); // the owner has subscribed: nothing after this is missed
        await cluster[0].Resolve("h2").ReserveAsync(id, Reserve.OnCpu(0));

        await cluster[0].Cluster.SessionEndedAsync(id, "session-closed");
        var events = await feed.ReadAllAsync().ToArrayAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["reserved", "session-closed"], events.Select(e => e.Reason));
        Assert.Null(feed.Lost);
    }
}
