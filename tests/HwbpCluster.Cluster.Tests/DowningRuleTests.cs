using HwbpCluster.Cluster.Internal;

namespace HwbpCluster.Cluster.Tests;

public sealed class DowningRuleTests
{
    [Theory]
    [InlineData(3, 0, true, (int)DowningDecision.Nothing)]
    [InlineData(2, 1, false, (int)DowningDecision.DownUnreachable)]
    [InlineData(1, 2, true, (int)DowningDecision.DownThisSide)]
    [InlineData(3, 2, false, (int)DowningDecision.DownUnreachable)]
    [InlineData(2, 3, true, (int)DowningDecision.DownThisSide)]
    [InlineData(2, 2, true, (int)DowningDecision.DownUnreachable)]
    [InlineData(2, 2, false, (int)DowningDecision.DownThisSide)]
    public void Keep_majority_with_the_lowest_address_breaking_a_tie(int reachable, int unreachable, bool lowestHere, int expected) =>
        Assert.Equal((DowningDecision)expected, DowningRule.Decide(reachable, unreachable, lowestHere));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void In_a_cluster_of_two_each_side_keeps_itself(bool lowestHere) =>
        Assert.Equal(DowningDecision.DownUnreachable, DowningRule.Decide(1, 1, lowestHere));
}
