namespace HwbpCluster.Cluster.Internal;

/// <summary>Which side of a split stays in the cluster: keep-majority, with one rule of our own for a cluster of two.</summary>
/// <remarks>
/// <para>Akka's keep-majority breaks a tie by the lowest address, so when the lower node of a two-node cluster dies the healthy
/// survivor downs itself; keep-oldest has the same flaw for the oldest. A node cannot tell a dead peer from a cut link, so
/// in a cluster of exactly two each side keeps itself. That is safe here because no host ever moves: a split cannot put one
/// slot under two arbiters, it only hides each side's hosts from the other until the link heals (then the side the other
/// downed rejoins as a new incarnation).</para>
/// <para>Pure: the actor that applies it counts the sides; this decides.</para>
/// </remarks>
internal static class DowningRule
{
    /// <summary>What to do with <paramref name="reachable"/> members on this side (self included) and <paramref name="unreachable"/> on the other.</summary>
    /// <param name="reachable">Up or Leaving members this node reaches, itself included.</param>
    /// <param name="unreachable">Up or Leaving members this node does not reach.</param>
    /// <param name="lowestAddressHere">Whether this side holds the lowest-addressed of those members (the tie-break for more than two).</param>
    public static DowningDecision Decide(int reachable, int unreachable, bool lowestAddressHere)
    {
        if (unreachable == 0)
        {
            return DowningDecision.Nothing;
        }

        if (reachable != unreachable)
        {
            return reachable > unreachable ? DowningDecision.DownUnreachable : DowningDecision.DownThisSide;
        }

        return reachable == 1 || lowestAddressHere ? DowningDecision.DownUnreachable : DowningDecision.DownThisSide;
    }
}
