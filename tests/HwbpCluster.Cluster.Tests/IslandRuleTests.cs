using HwbpCluster.Cluster.Internal;

namespace HwbpCluster.Cluster.Tests;

public sealed class IslandRuleTests
{
    private static readonly MemberId A = new("akka.tcp://hwbp@127.0.0.1:4001", 11);
    private static readonly MemberId B = new("akka.tcp://hwbp@127.0.0.1:4002", 22);
    private static readonly MemberId C = new("akka.tcp://hwbp@127.0.0.1:4003", 33);

    [Fact]
    public void A_lone_node_gives_way_to_a_larger_cluster_that_does_not_count_it_and_rejoins_through_its_members()
    {
        var through = IslandRule.JoinThrough(B, [B], new SeedView("a", A, SelfUp: true, [A, C], [A, C]));

        Assert.Equal([A.ClusterAddress, C.ClusterAddress], through);
    }

    [Fact]
    public void The_larger_cluster_stays()
    {
        Assert.Null(IslandRule.JoinThrough(A, [A, C], new SeedView("b", B, SelfUp: true, [B], [B])));
    }

    [Fact]
    public void On_a_tie_the_cluster_with_the_lowest_address_stays_and_both_sides_agree()
    {
        Assert.Null(IslandRule.JoinThrough(A, [A], new SeedView("b", B, SelfUp: true, [B], [B])));
        Assert.NotNull(IslandRule.JoinThrough(B, [B], new SeedView("a", A, SelfUp: true, [A], [A])));
    }

    [Fact]
    public void A_rejoined_node_at_the_same_address_is_told_apart_by_its_uid()
    {
        // The seed still counts this node's previous incarnation (same address, another uid): not this one.
        var reborn = B with { Uid = 23 };

        Assert.NotNull(IslandRule.JoinThrough(reborn, [reborn], new SeedView("a", A, SelfUp: true, [A, B, C], [A, B, C])));
    }

    [Fact]
    public void A_node_that_counts_a_seed_which_no_longer_counts_it_rejoins_the_seeds_cluster_and_only_it_does()
    {
        // A was removed by B and C while cut off, never learned it, and reaches B again after the heal.
        Assert.Equal([B.ClusterAddress, C.ClusterAddress], IslandRule.JoinThrough(A, [A, B], new SeedView("b", B, SelfUp: true, [B, C], [B, C])));
        Assert.Null(IslandRule.JoinThrough(B, [B, C], new SeedView("a", A, SelfUp: true, [A, B], [A, B])));
        Assert.Null(IslandRule.JoinThrough(C, [B, C], new SeedView("a", A, SelfUp: true, [A, B], [A, B])));
    }

    [Fact]
    public void A_node_still_joining_a_cluster_that_removed_it_rejoins_through_the_seeds_cluster()
    {
        // B joined while C's previous process was still a member; A removed B since, and B waits for an Up forever.
        Assert.Equal([A.ClusterAddress, C.ClusterAddress], IslandRule.JoinThrough(B, [A], new SeedView("a", A, SelfUp: true, [A, C], [A, C])));
    }

    [Fact]
    public void A_node_still_joining_that_one_seed_knows_waits_for_gossip_to_reach_the_others()
    {
        // A let B in; C has not heard of B yet (gossip runs once a second), though B already counts C as Up.
        SeedView[] seeds = [new("a", A, SelfUp: true, [A, C], [A, B, C]), new("c", C, SelfUp: true, [A, C], [A, C])];

        Assert.Null(IslandRule.JoinThrough(B, up: false, [A, C], seeds));
        Assert.Equal([A.ClusterAddress, C.ClusterAddress], IslandRule.JoinThrough(B, up: false, [A, C], [seeds[1]]));
    }

    [Theory]
    [InlineData("the seed knows the joining node")]
    [InlineData("the joining node counts nobody")]
    [InlineData("the seed knows this node but does not reach it")]
    public void A_node_the_seed_still_knows_or_one_not_Up_that_counts_nobody_stays(string situation)
    {
        var (self, mine, seed) = situation switch
        {
            "the seed knows the joining node" => (B, new[] { A }, new SeedView("a", A, true, [A, C], [A, B, C])),
            "the joining node counts nobody" => (B, [], new SeedView("a", A, true, [A], [A])),
            _ => (A, [A, B], new SeedView("b", B, true, [B, C], [A, B, C])),
        };

        Assert.Null(IslandRule.JoinThrough(self, mine, seed));
    }

    [Theory]
    [InlineData("seed counts this node")]
    [InlineData("the two views overlap")]
    [InlineData("the seed is not Up")]
    [InlineData("the seed counts nobody")]
    public void Views_of_one_cluster_or_views_still_settling_change_nothing(string situation)
    {
        var (mine, seed) = situation switch
        {
            "seed counts this node" => (new[] { B }, new SeedView("a", A, true, [A, B, C], [A, B, C])),
            "the two views overlap" => ([B, C], new SeedView("a", A, true, [A, C], [A, C])),
            "the seed is not Up" => ([B], new SeedView("a", A, false, [A, C], [A, C])),
            _ => ([B], new SeedView("a", A, true, [], [])),
        };

        Assert.Null(IslandRule.JoinThrough(B, mine, seed));
    }

    [Fact]
    public void When_no_seed_that_answers_is_a_member_the_first_named_forms_the_cluster_anew_and_only_it_does()
    {
        SeedView Seeking(string node) => new(node, default, SelfUp: false, [], []);

        Assert.True(IslandRule.FormsAnew("n1", [Seeking("n2"), Seeking("n3")]));
        Assert.False(IslandRule.FormsAnew("n2", [Seeking("n1"), Seeking("n3")]));
        Assert.False(IslandRule.FormsAnew("n3", [Seeking("n1"), Seeking("n2")]));
    }

    [Theory]
    [InlineData("no seed answers")]
    [InlineData("a seed is Up")]
    [InlineData("a seed not Up already knows members")]
    public void A_node_does_not_form_anew_while_there_may_be_a_cluster_to_join(string situation)
    {
        IReadOnlyCollection<SeedView> seeds = situation switch
        {
            "no seed answers" => [],
            "a seed is Up" => [new SeedView("n2", B, SelfUp: true, [B, C], [B, C]), new SeedView("n3", default, SelfUp: false, [], [])],
            _ => [new SeedView("n2", B, SelfUp: false, [C], [C])],
        };

        Assert.False(IslandRule.FormsAnew("n1", seeds));
    }
}
