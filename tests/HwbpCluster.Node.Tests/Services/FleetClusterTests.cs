using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

/// <summary>Fleet calls on a two-node cluster in this process: selectors and fan-out reach the other member's host.</summary>
public sealed class FleetClusterTests : IAsyncLifetime
{
    private List<NodeServer> nodes = [];

    public async Task InitializeAsync() => nodes = await TwoNodes.StartAsync(["--labels", "rack=a"], ["--labels", "rack=a"]);

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_member_lists_both_with_their_cluster_addresses_hosts_and_labels()
    {
        var members = await nodes[1].Client().CallAsync(Api.ListMembers, new ListMembersRequest());

        Assert.Equal("n2", members.Self);
        Assert.Equal(["n1", "n2"], members.Members.Select(m => m.Node).Order());
        Assert.All(members.Members, m => Assert.True(m.Reachable && m.ClusterAddress.StartsWith("akka.tcp://hwbp@127.0.0.1:", StringComparison.Ordinal)));
        Assert.Equal(["h1"], members.Members.Single(m => m.Node == "n1").Hosts);
        Assert.Equal("a", members.Members.Single(m => m.Node == "n2").Labels["rack"]);
    }

    [Fact]
    public async Task A_fleet_reserve_by_label_takes_a_slot_on_both_nodes_hosts_and_fleet_release_frees_them()
    {
        var on1 = nodes[0].Client();
        var session = await on1.OpenAsync();
        var request = new FleetReserveRequest
        {
            SessionId = session,
            Selector = new HostSelector { Labels = { ["rack"] = "a" } },
            Mode = FleetMode.AllOrNothing,
            Template = new ReserveRequest { Scope = Proto.Cpu(0), Breakpoint = Proto.Write(0x1000), Pinned = true, Label = "fleet" },
        };

        var reserved = await on1.CallAsync(Api.FleetReserve, request);

        Assert.True(reserved.Committed);
        Assert.Equal(["h1", "h2"], reserved.Outcomes.Select(o => o.Host).Order());
        Assert.All(reserved.Outcomes, o => Assert.Equal(0, o.StatusCode));
        var onH2 = Assert.Single(await nodes[1].Client().ListAsync(host: "h2"));
        Assert.Equal(session, onH2.SessionId);

        var released = await on1.CallAsync(Api.FleetRelease, new FleetReleaseRequest { SessionId = session, Label = "fleet" });

        Assert.Equal(2u, released.Released);
        Assert.Empty(await nodes[1].Client().ListAsync(host: "h2"));
    }

    [Fact]
    public async Task A_host_on_the_other_node_is_served_by_every_call_that_names_it()
    {
        var on2 = nodes[1].Client();
        var session = await on2.OpenAsync();

        var reservation = await on2.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x2000), host: "h1");
        var state = await on2.CallAsync(Api.GetHost, new GetHostRequest { Host = "h1" });
        await on2.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id });

        Assert.StartsWith("h1/", reservation.Id, StringComparison.Ordinal);
        Assert.Equal(reservation.Id, state.Cpus[1].Slots.Single(s => s.ReservationId.Length > 0).ReservationId);
        Assert.Empty(await nodes[0].Client().ListAsync(host: "h1"));
    }

    [Fact]
    public async Task A_reservation_watch_merges_both_nodes_hosts_and_ends_unavailable_naming_the_hosts_of_a_node_that_goes_away()
    {
        var on1 = nodes[0].Client();
        var session = await on1.OpenAsync();
        using var watch = on1.Stream(Api.WatchReservations, new WatchReservationsRequest { SessionId = session });
        await watch.ResponseHeadersAsync;

        await on1.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000), host: "h1");
        await on1.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x2000), host: "h2");
        var seen = new HashSet<string>();
        while (seen.Count < 2 && await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            seen.Add(watch.ResponseStream.Current.Reservation.Host);
        }

        Assert.Equal(["h1", "h2"], seen.Order());
        await nodes[1].DisposeAsync();
        nodes.RemoveAt(1);

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(bound.Token))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Contains("host 'h2' on node 'n2'", ended.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("h2", watch.GetTrailers().GetValue("hwbp-lost-hosts"));
    }

    [Fact]
    public async Task The_simulator_of_another_nodes_host_is_refused_naming_where_to_call()
    {
        var ex = await Proto.FailsWith(
            StatusCode.FailedPrecondition,
            () => nodes[1].Client().CallAsync(Api.SpawnTask, new SpawnTaskRequest { Host = "h1", Tid = 900 }));

        Assert.Contains("another node", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hit_watch_through_one_node_misses_no_hit_on_the_other_nodes_host_once_it_answered()
    {
        var on1 = nodes[0].Client();
        var owner = nodes[1].Client();
        var session = await on1.OpenAsync();
        await Scenario.RunTaskAsync(owner, 300, 1, host: "h2");
        var watched = await on1.ReserveAsync(session, Proto.Task(300), Proto.Write(0x3000), host: "h2");

        // Each round: a new watch, and a write on the other node's host the moment the watch's headers arrive.
        for (var round = 0; round < 5; round++)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var watch = on1.Stream(Api.WatchHits, new WatchHitsRequest { SessionId = session }, bound.Token);
            await watch.ResponseHeadersAsync;

            await Scenario.WriteAsync(owner, 300, 0x3000, host: "h2");

            Assert.True(await watch.ResponseStream.MoveNext(bound.Token), $"round {round}: the watch ended without the hit");
            Assert.Equal((watched.Id, "h2"), (watch.ResponseStream.Current.ReservationId, watch.ResponseStream.Current.Host));
        }
    }
}
