using HwbpCluster.Cluster.Tests.Support;

namespace HwbpCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LeaseTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task When_the_origin_node_dies_its_sessions_reservations_on_other_hosts_go_within_ttl_plus_the_grace()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(Ttl);
        await cluster[0].Resolve("h2").ReserveAsync(id, Reserve.OnCpu(0));
        await cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(1));

        cluster[0].Cluster.Crash();
        var released = await cluster.WaitAsync(
            () => cluster[1].Host.ListReservationsAsync(null).Result.Count == 0 && cluster[2].Host.ListReservationsAsync(null).Result.Count == 0,
            // Slack for the sweep and a busy two-core CI machine (0.5 s was seen missed 2 times in 5 suite runs, cause not yet
            // known); the 3-process test checks TTL + 1 s on real nodes.
            "h2 and h3 released", Ttl + TestCluster.Defaults.LeaseGrace + TimeSpan.FromSeconds(2));

        Assert.True(released >= Ttl - TimeSpan.FromMilliseconds(200), $"released after {released}, before the lease could run out");
        Assert.Equal(0, cluster[1].Cluster.RemoteSessionCount);
    }

    [Fact]
    public async Task Renewals_from_the_origin_keep_the_lease_alive_past_its_ttl()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(Ttl);
        await cluster[0].Resolve("h2").ReserveAsync(id, Reserve.OnCpu(0));

        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(Ttl / 3);
            cluster[0].Cluster.SessionRenewed(id);
        }

        Assert.Single(await cluster[1].Host.ListReservationsAsync(id));
    }

    [Fact]
    public async Task Closing_the_session_at_its_origin_releases_it_on_every_other_host_at_once()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        await cluster[0].Resolve("h2").ReserveAsync(id, Reserve.OnCpu(0));
        await cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(0));
        await cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(1));

        var released = await cluster[0].Cluster.SessionEndedAsync(id, "session-closed");

        Assert.Equal(3, released);
        Assert.Empty(await cluster[1].Host.ListReservationsAsync(null));
        Assert.Empty(await cluster[2].Host.ListReservationsAsync(null));
        Assert.Equal(0, cluster[2].Cluster.RemoteSessionCount);
    }

    [Fact]
    public async Task A_close_that_other_hosts_do_not_confirm_in_time_returns_at_its_bound_and_still_completes_there()
    {
        // A bound of zero: the close returns before any other node could answer, as it would for a node in trouble.
        await using var cluster = await TestCluster.StartAsync(2, o => o with { SessionCloseWait = TimeSpan.Zero });
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        await cluster[0].Resolve("h2").ReserveAsync(id, Reserve.OnCpu(0));

        var released = await cluster[0].Cluster.SessionEndedAsync(id, "session-closed");

        Assert.Equal(0, released);
        await cluster.WaitAsync(() => cluster[1].Host.ListReservationsAsync(null).GetAwaiter().GetResult().Count == 0 && cluster[1].Cluster.RemoteSessionCount == 0,
            "the close completed on h2", TimeSpan.FromSeconds(10));
    }
}
