using HwbpCluster.Cluster.Tests.Support;

namespace HwbpCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MembershipTests
{
    [Fact]
    public async Task Nodes_that_join_through_one_seed_list_every_member_Up_with_its_hosts_labels_and_addresses()
    {
        await using var cluster = await TestCluster.StartAsync(3);

        foreach (var node in cluster.Nodes)
        {
            var members = node.Cluster.Members();
            Assert.Equal(["n1", "n2", "n3"], members.Select(m => m.Node).Order());
            Assert.All(members, m => Assert.True(m.Status == "Up" && m.Reachable));
            Assert.Equal(["h2"], members.Single(m => m.Node == "n2").Hosts);
            Assert.Equal("n3", members.Single(m => m.Node == "n3").Labels["name"]);
            Assert.Equal("http://127.0.0.1:1/n1", members.Single(m => m.Node == "n1").GrpcAddress);
            Assert.Equal(node.Cluster.ClusterAddress, members.Single(m => m.IsSelf).ClusterAddress);

            // Every host, this node's and the others', with its owner's name and labels (read once per member, not per host).
            var hosts = node.Cluster.Hosts();
            Assert.Equal(["h1", "h2", "h3"], hosts.Select(h => h.Host.Name).Order());
            Assert.All(hosts, h => Assert.Equal("n" + h.Host.Name[1..], h.Node));
            Assert.All(hosts, h => Assert.Equal(h.Node, h.Labels["name"]));
        }
    }

    [Fact]
    public async Task A_node_that_leaves_is_removed_everywhere_without_ever_being_unreachable()
    {
        // A pause long enough that only a leave that is not graceful could show unreachable: with the tests' 1 s, a leader's
        // gossip tick delayed on a busy 2-core machine let the detector fire between the leaver's exit and its removal.
        await using var cluster = await TestCluster.StartAsync(3, o => o with { HeartbeatPause = TimeSpan.FromSeconds(5) });
        var sawUnreachable = false;

        await cluster[2].DisposeAsync();

        await cluster.WaitAsync(() =>
        {
            sawUnreachable |= cluster[0].Cluster.Members().Any(m => !m.Reachable);
            return cluster[0].Cluster.Members().Count == 2 && cluster[1].Cluster.Members().Count == 2;
        }, "n3 removed", TimeSpan.FromSeconds(10));
        Assert.False(sawUnreachable);
        Assert.False(cluster[0].Cluster.TryResolve("h3", out _));
    }

    [Fact]
    public async Task A_crashed_node_is_unreachable_then_removed_by_the_majority()
    {
        await using var cluster = await TestCluster.StartAsync(3);

        cluster[2].Cluster.Crash();

        await cluster.WaitAsync(() => cluster[0].Cluster.Members().Any(m => m.Node == "n3" && !m.Reachable), "n3 unreachable",
            TimeSpan.FromSeconds(5));
        await cluster.WaitAsync(() => cluster[0].Cluster.Members().Count == 2 && cluster[1].Cluster.Members().Count == 2, "n3 removed",
            TimeSpan.FromSeconds(15));
        Assert.All(cluster.Nodes.Take(2), n => Assert.Equal(1, n.Cluster.Incarnations));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task In_a_two_node_cluster_the_survivor_stays_Up_whichever_node_dies(int dies)
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var survivor = cluster[1 - dies];

        // Akka's keep-majority keeps the lowest address on a tie, keep-oldest the first joined (n1): both cases come up here.
        cluster[dies].Cluster.Crash();

        await cluster.WaitAsync(() => survivor.Cluster.Members().Count == 1, "the dead node removed", TimeSpan.FromSeconds(15));
        Assert.Equal("Up", survivor.Cluster.Members().Single().Status);
        Assert.Equal(1, survivor.Cluster.Incarnations);
    }

    [Fact]
    public async Task A_node_claiming_a_host_name_another_member_owns_is_refused_and_the_owner_keeps_it()
    {
        await using var cluster = await TestCluster.StartAsync(2);

        var impostor = cluster.Add("n3", "h1");

        var reason = await impostor.Cluster.Refused.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("host name 'h1' is already owned", reason, StringComparison.Ordinal);
        await cluster.WaitAsync(() => cluster[1].Cluster.Members().Count == 2, "n3 gone", TimeSpan.FromSeconds(15));
        var id = await cluster[1].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var view = await cluster[1].Resolve("h1").ReserveAsync(id, Reserve.OnCpu(0));
        Assert.Single(await cluster[0].Host.ListReservationsAsync(id));
        Assert.Empty(await impostor.Host.ListReservationsAsync(null));
        Assert.Equal("h1", view.Host);
    }

    [Fact]
    public async Task A_node_restarted_at_once_after_a_crash_takes_its_hosts_over_from_its_dead_process_instead_of_being_refused()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var dead = cluster[2].Cluster.AkkaCluster.SelfUniqueAddress;
        cluster[2].Cluster.Crash();

        // Before the cluster even marked the dead process unreachable: the same name on the same gRPC address, a new cluster port.
        var restarted = cluster.Add("n3", "h3");

        var fresh = restarted.Cluster.AkkaCluster.SelfUniqueAddress;
        await cluster.WaitAsync(() => restarted.Cluster.Refused.IsCompleted || (cluster[0].Cluster.AkkaCluster.State.Members.Any(m => m.UniqueAddress == fresh && m.Status == Akka.Cluster.MemberStatus.Up)
            && cluster[0].Cluster.AkkaCluster.State.Members.All(m => m.UniqueAddress != dead)), "the restarted n3 Up and its dead process removed", TimeSpan.FromSeconds(30));
        if (restarted.Cluster.Refused.IsCompleted)
        {
            Assert.Fail(await restarted.Cluster.Refused);
        }

        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        await cluster[0].Resolve("h3").ReserveAsync(id, Reserve.OnCpu(0));
        Assert.Single(await restarted.Host.ListReservationsAsync(id));
    }

    [Fact]
    public async Task A_downed_node_whose_seed_has_died_since_rejoins_through_the_seeds_as_they_answer_now()
    {
        await using var cluster = await TestCluster.StartAsync(2);

        // n3 joined through n1 (its seed list as known then); asked again, the seeds answer with n2 (n1 is gone by then).
        var asked = 0;
        var n3 = cluster.Add("n3", "h3", resolveSeeds: _ =>
        {
            Interlocked.Increment(ref asked);
            return Task.FromResult<IReadOnlyList<string>>([cluster[1].Cluster.ClusterAddress]);
        });
        await cluster.WaitAsync(() => cluster[1].Cluster.Members().Count(m => m.Status == "Up") == 3, "n3 Up");
        cluster[0].Cluster.Crash();
        await cluster.WaitAsync(() => cluster[1].Cluster.Members().All(m => m.Node != "n1"), "n1 removed", TimeSpan.FromSeconds(30));

        cluster[1].Cluster.AkkaCluster.Down(n3.Cluster.AkkaCluster.SelfAddress);

        await cluster.WaitAsync(() => n3.Cluster.Incarnations == 2 && cluster[1].Cluster.Members().Count(m => m.Status == "Up" && m.Reachable) == 2,
            "n3 back Up beside n2", TimeSpan.FromSeconds(30));
        Assert.True(asked > 0);
    }

    [Fact]
    public async Task A_downed_node_rejoins_by_itself_as_a_new_incarnation_and_keeps_its_hosts_reservations()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var victim = cluster[2];
        var id = await victim.OpenSessionAsync(TimeSpan.FromSeconds(60));
        await victim.Host.ReserveAsync(id, Reserve.OnCpu(1));
        var oldAddress = victim.Cluster.AkkaCluster.SelfUniqueAddress;

        cluster[0].Cluster.AkkaCluster.Down(oldAddress.Address);

        await cluster.WaitAsync(() => victim.Cluster.Incarnations == 2, "a second incarnation");
        await cluster.WaitAsync(() => cluster.Nodes.All(n => n.Cluster.Members().Count(m => m.Status == "Up") == 3), "3 Up again");
        Assert.NotEqual(oldAddress, victim.Cluster.AkkaCluster.SelfUniqueAddress);
        Assert.Single(await victim.Host.ListReservationsAsync(id));
        Assert.Single(await cluster[0].Resolve("h3").ListReservationsAsync(null));
    }

    [Fact]
    public async Task Two_clusters_left_by_a_healed_split_become_one_the_lone_node_rejoining_with_its_reservations()
    {
        await using var cluster = await TestCluster.StartAsync(0);
        var n1 = cluster.Add("n1", "h1", QuickIslandCheck, askSeeds: true);
        var n2 = cluster.Add("n2", "h2", QuickIslandCheck, askSeeds: true);
        await cluster.WaitAsync(() => n2.Cluster.Members().Count(m => m.Status == "Up") == 2, "n1 and n2 Up together");

        // n3 formed a cluster of its own, as the side of a split that kept itself does, and holds a reservation meanwhile.
        var n3 = cluster.Add("n3", "h3", QuickIslandCheck, alone: true, askSeeds: true);
        var id = await n3.OpenSessionAsync(TimeSpan.FromSeconds(60));
        await n3.Host.ReserveAsync(id, Reserve.OnCpu(1));

        await cluster.WaitAsync(() => cluster.Nodes.All(n => n.Cluster.Members().Count(m => m.Status == "Up" && m.Reachable) == 3),
            "one cluster of three", TimeSpan.FromSeconds(30));
        Assert.Equal([0, 0, 1], cluster.Nodes.Select(n => n.Cluster.Yields));
        Assert.Equal([1, 1, 2], cluster.Nodes.Select(n => n.Cluster.Incarnations));
        Assert.Single(await n1.Resolve("h3").ListReservationsAsync(id));
    }

    [Fact]
    public async Task Two_lone_nodes_become_one_cluster_and_exactly_one_of_them_gives_way()
    {
        await using var cluster = await TestCluster.StartAsync(0);
        cluster.Add("n1", "h1", QuickIslandCheck, alone: true, askSeeds: true);
        cluster.Add("n2", "h2", QuickIslandCheck, alone: true, askSeeds: true);

        await cluster.WaitAsync(() => cluster.Nodes.All(n => n.Cluster.Members().Count(m => m.Status == "Up" && m.Reachable) == 2),
            "one cluster of two", TimeSpan.FromSeconds(30));
        Assert.Equal(1, cluster.Nodes.Sum(n => n.Cluster.Yields));
    }

    [Fact]
    public async Task Nodes_of_one_cluster_asking_their_seeds_never_give_way()
    {
        await using var cluster = await TestCluster.StartAsync(0);
        for (var i = 1; i <= 3; i++)
        {
            cluster.Add($"n{i}", $"h{i}", QuickIslandCheck, askSeeds: true);
        }

        await cluster.WaitAsync(() => cluster.Nodes.All(n => n.Cluster.Members().Count(m => m.Status == "Up") == 3), "all Up");

        // Ten checks each, joins included above: three agreeing checks would have been enough to give way.
        await Task.Delay(QuickIslandCheck(TestCluster.Defaults).IslandCheck * 10);
        Assert.All(cluster.Nodes, n => Assert.Equal((0, 1), (n.Cluster.Yields, n.Cluster.Incarnations)));
    }

    [Fact]
    public async Task When_every_node_was_downed_at_once_the_first_named_forms_the_cluster_anew_and_the_others_join_it()
    {
        await using var cluster = await TestCluster.StartAsync(0);
        for (var i = 1; i <= 3; i++)
        {
            var node = $"n{i}";
            cluster.Add(node, $"h{i}", QuickIslandCheck, askSeeds: true, resolveSeeds: _ => Task.FromResult<IReadOnlyList<string>>(
                [.. cluster.Nodes.Where(n => n.Cluster.NodeName != node).Select(n => n.Cluster.ClusterAddress)]));
        }

        await cluster.WaitAsync(() => cluster.Nodes.All(n => n.Cluster.Members().Count(m => m.Status == "Up") == 3), "all Up");
        var id = await cluster[2].OpenSessionAsync(TimeSpan.FromSeconds(60));
        await cluster[2].Host.ReserveAsync(id, Reserve.OnCpu(0));

        // Each downed node rejoins through the others only, and none of them is in a cluster to be joined.
        foreach (var node in cluster.Nodes)
        {
            node.Cluster.AkkaCluster.Down(node.Cluster.AkkaCluster.SelfAddress);
        }

        // A busy machine may add a round (a yield, a second formation by n1): what matters is who formed, and the end state.
        await cluster.WaitAsync(() => cluster.Nodes.All(n => n.Cluster.Incarnations >= 2 && n.Cluster.Members().Count(m => m.Status == "Up" && m.Reachable) == 3),
            "one cluster of three again", TimeSpan.FromSeconds(30));
        Assert.True(cluster[0].Cluster.Formations >= 1, "n1 never formed the cluster anew");
        Assert.Equal([0, 0], cluster.Nodes.Skip(1).Select(n => n.Cluster.Formations));
        Assert.Single(await cluster[0].Resolve("h3").ListReservationsAsync(id));
    }

    private static ClusterNodeOptions QuickIslandCheck(ClusterNodeOptions options) => options with { IslandCheck = TimeSpan.FromMilliseconds(200) };
}
