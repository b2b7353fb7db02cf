using HwbpCluster.Cluster.Tests.Support;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Tests;

/// <summary>Fleet reserves across nodes: all or nothing as prepare/commit over holds, best effort, and a coordinator that dies.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FleetReserveTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task All_or_nothing_on_three_nodes_commits_one_reservation_on_every_host()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));

        var result = await FleetReserve.AllOrNothingAsync(id, Targets(cluster[0], 0x1000, "h1", "h2", "h3"), Hold);

        Assert.True(result.Committed);
        Assert.All(result.Outcomes, o => Assert.Null(o.Failure));
        Assert.Equal(["h1", "h2", "h3"], result.Outcomes.Select(o => o.Reservation!.Host));
        foreach (var node in cluster.Nodes)
        {
            var listed = Assert.Single(await node.Host.ListReservationsAsync(id));
            Assert.Equal(listed.Id, (await node.Host.GetStateAsync()).Cpus[0].Slots.Single(s => s.ReservationId != 0).ReservationId);
        }
    }

    [Fact]
    public async Task All_or_nothing_aborts_every_hold_when_one_host_has_no_room_and_nothing_was_ever_listed()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var other = await cluster[2].OpenSessionAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            await cluster[2].Host.ReserveAsync(other, Reserve.OnCpu(0, 0x8000 + (ulong)(8 * i)));
        }

        var result = await FleetReserve.AllOrNothingAsync(id, Targets(cluster[0], 0x1000, "h1", "h2", "h3"), Hold);

        Assert.False(result.Committed);
        Assert.Equal([HostError.Aborted, HostError.Aborted, HostError.NoRoom], result.Outcomes.Select(o => o.Failure!.Error));
        Assert.Contains("host 'h3' failed", result.Outcomes[1].Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(await cluster[0].Host.ListReservationsAsync(id));
        Assert.Empty(await cluster[1].Host.ListReservationsAsync(id));

        // The aborted holds gave their room back: every slot of h2's cpu 0 is free for another client at once.
        var third = await cluster[1].OpenSessionAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            await cluster[1].Host.ReserveAsync(third, Reserve.OnCpu(0, 0x9000 + (ulong)(8 * i)));
        }
    }

    [Fact]
    public async Task All_or_nothing_with_a_host_on_an_unreachable_node_holds_nothing_anywhere_and_names_the_node()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var targets = Targets(cluster[0], 0x1000, "h1", "h2", "h3");
        cluster[2].Cluster.Crash();
        await cluster.WaitAsync(() => cluster[0].Cluster.Members().Any(m => m.Node == "n3" && !m.Reachable), "n3 unreachable");

        var result = await FleetReserve.AllOrNothingAsync(id, targets, Hold);

        Assert.False(result.Committed);
        Assert.Equal([HostError.Aborted, HostError.Aborted, HostError.Unreachable], result.Outcomes.Select(o => o.Failure!.Error));
        Assert.Contains("node 'n3'", result.Outcomes[2].Failure!.Message, StringComparison.Ordinal);
        var other = await cluster[1].OpenSessionAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            await cluster[1].Host.ReserveAsync(other, Reserve.OnCpu(0, 0x9000 + (ulong)(8 * i)));
        }
    }

    [Fact]
    public async Task Best_effort_keeps_what_succeeded_and_reports_each_hosts_status()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var other = await cluster[1].OpenSessionAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            await cluster[1].Host.ReserveAsync(other, Reserve.OnCpu(0, 0x8000 + (ulong)(8 * i)));
        }

        var result = await FleetReserve.BestEffortAsync(id, Targets(cluster[0], 0x1000, "h1", "h2", "h3"));

        Assert.True(result.Committed);
        Assert.Equal([null, HostError.NoRoom, null], result.Outcomes.Select(o => o.Failure?.Error));
        Assert.Single(await cluster[0].Host.ListReservationsAsync(id));
        Assert.Single(await cluster[2].Host.ListReservationsAsync(id));
    }

    [Fact]
    public async Task When_the_coordinator_dies_between_prepare_and_commit_its_holds_stay_invisible_and_expire_giving_the_slots_back()
    {
        var hold = TimeSpan.FromSeconds(2);
        await using var cluster = await TestCluster.StartAsync(3);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        var other = await cluster[1].OpenSessionAsync(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
        {
            await cluster[1].Host.ReserveAsync(other, Reserve.OnCpu(0, 0x8000 + (ulong)(8 * i)));
        }

        // Phase one only, as a coordinator would before dying: h2 and h3 each hold cpu 0's room for the fleet session.
        var held = await Task.WhenAll(new[] { "h2", "h3" }.Select(h => cluster[0].Resolve(h).PrepareAsync(id, Reserve.OnCpu(0, 0x1000), hold)));
        var heldAt = DateTime.UtcNow;
        cluster[0].Cluster.Crash();

        // Another client sees no reservation of the fleet session anywhere, from the owner or across the cluster, and nothing armed.
        Assert.Equal(3, (await cluster[1].Host.ListReservationsAsync(null)).Count);
        Assert.Equal(3, (await cluster[2].Resolve("h2").ListReservationsAsync(null)).Count(r => r.SessionId == other));
        Assert.Empty(await cluster[1].Host.ListReservationsAsync(id));
        Assert.Empty(await cluster[2].Host.ListReservationsAsync(null));
        Assert.DoesNotContain((await cluster[1].Host.GetStateAsync()).Cpus[0].Slots, s => s.ReservationId == held[0].Id);

        // The last slot of h2's cpu 0 is held: a request for it waits for the hold's outcome instead of being refused, and gets
        // it when the hold expires.
        var last = await cluster[1].Host.ReserveAsync(other, Reserve.OnCpu(0, 0x8018));
        var waited = DateTime.UtcNow - heldAt;

        Assert.Equal(ReservationStatus.Active, last.State);
        Assert.True(waited >= hold - TimeSpan.FromMilliseconds(300), $"granted after {waited}, before the hold could expire");
        Assert.True(waited < hold + TimeSpan.FromSeconds(2), $"granted after {waited}: the hold did not expire at its deadline");
        Assert.Equal(HostError.Aborted, (await Assert.ThrowsAsync<HostException>(() => cluster[2].Host.CommitAsync(id, held[1].Id))).Error);
        var third = await cluster[2].OpenSessionAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            await cluster[2].Host.ReserveAsync(third, Reserve.OnCpu(0, 0x9000 + (ulong)(8 * i)));
        }
    }

    [Fact]
    public async Task A_prepare_round_that_waits_for_another_coordinators_hold_ends_at_half_the_hold_and_aborts_what_it_held()
    {
        // h1's cpu 0 is full but for a hold whose coordinator never decides (it holds for a minute): a prepare there waits for
        // that hold's outcome. The fleet call must not wait with it, keeping h2's hold (which others wait for) meanwhile.
        var hold = TimeSpan.FromSeconds(2);
        await using var cluster = await TestCluster.StartAsync(2);
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        var other = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
        {
            await cluster[0].Host.ReserveAsync(other, Reserve.OnCpu(0, 0x8000 + (ulong)(8 * i)));
        }

        await cluster[0].Host.PrepareAsync(other, Reserve.OnCpu(0, 0x8018), TimeSpan.FromMinutes(1));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await FleetReserve.AllOrNothingAsync(id, Targets(cluster[0], 0x1000, "h1", "h2"), hold);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the fleet call waited {clock.Elapsed} for the other hold");
        Assert.False(result.Committed);
        Assert.Equal([HostError.Aborted, HostError.Aborted], result.Outcomes.Select(o => o.Failure!.Error));
        Assert.Contains("did not hold within the prepare round's 1 s", result.Outcomes[0].Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("host 'h1' failed", result.Outcomes[1].Failure!.Message, StringComparison.Ordinal);

        // h2's hold was aborted, not left to expire: all four slots of its cpu 0 are free for another client at once.
        var third = await cluster[1].OpenSessionAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 4; i++)
        {
            await cluster[1].Host.ReserveAsync(third, Reserve.OnCpu(0, 0x9000 + (ulong)(8 * i)));
        }
    }

    private static FleetTarget[] Targets(TestNode coordinator, ulong address, params string[] hosts) =>
        [.. hosts.Select(h => new FleetTarget(coordinator.Resolve(h), Reserve.OnCpu(0, address)))];
}
