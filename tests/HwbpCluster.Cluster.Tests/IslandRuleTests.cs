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
        var through = IslandRule.JoinThrough(B, [B], new SeedView(A, SelfUp: true, [A, C]));

        Assert.Equal([A.ClusterAddress, C.ClusterAddress], through);
    }

    [Fact]
    public void The_larger_cluster_stays()
    {
        Assert.Null(IslandRule.JoinThrough(A, [A, C], new SeedView(B, SelfUp: true, [B])));
    }

    [Fact]
    public void On_a_tie_the_cluster_with_the_lowest_address_stays_and_both_sides_agree()
    {
        Assert.Null(IslandRule.JoinThrough(A, [A], new SeedView(B, SelfUp: true, [B])));
        Assert.NotNull(IslandRule.JoinThrough(B, [B], new SeedView(A, SelfUp: true, [A])));
    }

    [Fact]
    public void A_rejoined_node_at_the_same_address_is_told_apart_by_its_uid()
    {
        // The seed still counts this node's previous incarnation (same address, another uid): not this one.
        var reborn = B with { Uid = 23 };

        Assert.NotNull(IslandRule.JoinThrough(reborn, [reborn], new SeedView(A, SelfUp: true, [A, B, C])));
    }

    [Fact]
    public void A_node_that_counts_a_seed_which_no_longer_counts_it_rejoins_the_seeds_cluster_and_only_it_does()
    {
        // A was removed by B and C while cut off, never learned it, and reaches B again after the heal.
        Assert.Equal([B.ClusterAddress, C.ClusterAddress], IslandRule.JoinThrough(A, [A, B], new SeedView(B, SelfUp: true, [B, C])));
        Assert.Null(IslandRule.JoinThrough(B, [B, C], new SeedView(A, SelfUp: true, [A, B])));
        Assert.Null(IslandRule.JoinThrough(C, [B, C], new SeedView(A, SelfUp: true, [A, B])));
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
            "seed counts this node" => (new[] { B }, new SeedView(A, true, [A, B, C])),
            "the two views overlap" => ([B, C], new SeedView(A, true, [A, C])),
            "the seed is not Up" => ([B], new SeedView(A, false, [A, C])),
            _ => ([B], new SeedView(A, true, [])),
        };

        Assert.Null(IslandRule.JoinThrough(B, mine, seed));
    }
}
