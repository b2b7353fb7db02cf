using HwbpCluster.Cluster.Tests.Support;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingTests
{
    [Fact]
    public async Task Reserve_list_modify_and_release_on_another_nodes_host_happen_on_that_host()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var origin = cluster[0];
        var id = await origin.OpenSessionAsync(TimeSpan.FromSeconds(30));
        var remote = origin.Resolve("h2");

        var view = await remote.ReserveAsync(id, Reserve.OnCpu(1, 0x2000));

        Assert.Equal("h2", view.Host);
        Assert.Equal(id, view.SessionId);
        var there = Assert.Single(await cluster[1].Host.ListReservationsAsync(id));
        Assert.Equal(view.Id, there.Id);
        Assert.Equal(view.Id, Assert.Single(await remote.ListReservationsAsync(id)).Id);
        var state = await remote.GetStateAsync();
        Assert.Equal(view.Id, state.Cpus[1].Slots.Single(s => s.ReservationId != 0).ReservationId);
        var moved = await remote.ModifyAsync(id, view.Id, view.Spec with { Address = 0x3000 });
        Assert.Equal(0x3000UL, moved.Spec.Address);

        await remote.ReleaseAsync(id, view.Id);

        Assert.Empty(await cluster[1].Host.ListReservationsAsync(null));
        Assert.Empty(await origin.Host.ListReservationsAsync(null));
    }

    [Fact]
    public async Task A_call_waiting_in_the_owners_queue_holds_up_no_other_call_to_that_node()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        var remote = cluster[0].Resolve("h2");
        var held = new List<ReservationView>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await remote.ReserveAsync(id, Reserve.OnCpu(0, 0x1000 + (ulong)(i * 8))));
        }

        // Calls to one node travel and are answered together when they meet; each still gets its own answer when it is ready.
        var waiting = remote.ReserveAsync(id, Reserve.OnCpu(0, 0x9000) with { Wait = TimeSpan.FromSeconds(30) });
        var quick = await remote.ReserveAsync(id, Reserve.OnCpu(1)).WaitAsync(TimeSpan.FromSeconds(5));
        await remote.ReleaseAsync(id, quick.Id).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(waiting.IsCompleted);

        await remote.ReleaseAsync(id, held[0].Id);
        var granted = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0x9000UL, granted.Spec.Address);
    }

    [Fact]
    public async Task A_member_of_an_older_build_that_does_not_serve_coalesced_calls_is_sent_one_ask_per_call()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var current = Assert.IsType<Internal.RemoteHost>(cluster[0].Resolve("h2"));
        Assert.True(current.Owner.TaggedCalls); // this build's members say they serve them
        var older = new Internal.RemoteHost(current.Owner with { TaggedCalls = false }, current.Calls);

        var view = await older.ReserveAsync(id, Reserve.OnCpu(1));
        var missing = await Assert.ThrowsAsync<HostException>(() => older.ReleaseAsync(id, 999));
        await older.ReleaseAsync(id, view.Id);

        Assert.Equal(HostError.NotFound, missing.Error);
        Assert.Empty(await cluster[1].Host.ListReservationsAsync(null));
    }

    [Fact]
    public async Task Ending_a_session_that_held_a_host_of_a_node_since_removed_does_not_wait_for_the_call_timeout()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        await cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(0));
        cluster[2].Cluster.Crash();
        await cluster.WaitAsync(() => cluster[0].Cluster.Members().All(m => m.Node != "n3"), "n3 removed", TimeSpan.FromSeconds(30));

        // Its process and its hosts are gone: there is nothing to release there and nobody to wait for.
        var ending = System.Diagnostics.Stopwatch.StartNew();
        var released = await cluster[0].Cluster.SessionEndedAsync(id, "closed");

        Assert.Equal(0, released);
        Assert.True(ending.Elapsed < TestCluster.Defaults.CallTimeout / 2, $"took {ending.Elapsed.TotalMilliseconds:0} ms: it waited for a removed member");
    }

    [Fact]
    public async Task A_refusal_on_the_owning_host_comes_back_with_its_own_error_and_message()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var remote = cluster[0].Resolve("h2");

        var missing = await Assert.ThrowsAsync<HostException>(() => remote.ReleaseAsync(id, 999));
        for (var i = 0; i < 4; i++)
        {
            await remote.ReserveAsync(id, Reserve.OnCpu(0, 0x1000 + (ulong)(i * 8)));
        }

        var full = await Assert.ThrowsAsync<HostException>(() => remote.ReserveAsync(id, Reserve.OnCpu(0, 0x9000)));

        Assert.Equal(HostError.NotFound, missing.Error);
        Assert.Equal(HostError.NoRoom, full.Error);
    }

    [Fact]
    public async Task A_host_on_an_unreachable_node_is_unavailable_at_once_naming_the_node()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        cluster[2].Cluster.Crash();
        await cluster.WaitAsync(() => cluster[0].Cluster.Members().Any(m => m.Node == "n3" && !m.Reachable), "n3 unreachable");

        var started = DateTime.UtcNow;
        var refused = await Assert.ThrowsAsync<HostException>(() => cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(0)));

        Assert.Equal(HostError.Unreachable, refused.Error);
        Assert.Contains("node 'n3'", refused.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1), $"took {DateTime.UtcNow - started}");
        Assert.False(cluster[0].Cluster.Hosts().Single(h => h.Host.Name == "h3").Reachable);
    }

    [Fact]
    public async Task A_call_in_flight_when_the_owner_becomes_unreachable_fails_then_rather_than_at_its_timeout()
    {
        await using var cluster = await TestCluster.StartAsync(3, o => o with { CallTimeout = TimeSpan.FromSeconds(60) });
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(90));
        var remote = cluster[0].Resolve("h3");
        for (var i = 0; i < 4; i++)
        {
            await remote.ReserveAsync(id, Reserve.OnCpu(0, 0x1000 + (ulong)(i * 8)));
        }

        // Waits in h3's queue for room that never comes; then h3's node dies.
        var waiting = remote.ReserveAsync(id, Reserve.OnCpu(0, 0x9000) with { Wait = TimeSpan.FromSeconds(60) });
        await Task.Delay(300);
        cluster[2].Cluster.Crash();

        var refused = await Assert.ThrowsAsync<HostException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(HostError.Unreachable, refused.Error);
        Assert.Contains("became unreachable", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reservation_events_of_a_session_on_another_nodes_host_stream_to_the_origin()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var remote = cluster[0].Resolve("h2");
        await using var feed = remote.WatchReservations(id, 16);
        await feed.Ready.WaitAsync(TimeSpan.FromSeconds(10)); // the owner has subscribed: nothing after this is missed

        var view = await remote.ReserveAsync(id, Reserve.OnCpu(1));
        await remote.ReleaseAsync(id, view.Id);

        var events = new List<ReservationEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var change in feed.ReadAllAsync(timeout.Token))
        {
            events.Add(change);
            if (change.Reservation.State == ReservationStatus.Released)
            {
                break;
            }
        }

        Assert.All(events, e => Assert.Equal("h2", e.Reservation.Host));
        Assert.Equal(view.Id, events[^1].Reservation.Id);
    }
}
