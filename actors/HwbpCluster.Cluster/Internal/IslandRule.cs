namespace HwbpCluster.Cluster.Internal;

/// <summary>Which of two clusters that each think they are the whole one gives way, so that a healed split becomes one cluster.</summary>
/// <remarks>
/// <para>A split can end with two clusters that never merge by themselves: in a cluster of two each side keeps itself
/// (<see cref="DowningRule"/>), and a cut while a restarted node is still joining lets both sides count two of three. Akka
/// merges neither: each side has downed (and quarantined) the other. The seeds' own views, asked over gRPC once the link is
/// back, show it.</para>
/// <para>The larger cluster stays; on a tie, the one holding the lowest-addressed member. Both sides decide the same from the
/// same two views, so only one side gives way. Pure: the node asks the seeds and acts.</para>
/// </remarks>
internal static class IslandRule
{
    /// <summary>The addresses to rejoin through when this node's cluster gives way to <paramref name="seed"/>'s, otherwise null.</summary>
    /// <param name="self">This node's current incarnation.</param>
    /// <param name="mine">The members this node counts (Up or Leaving, reachable), itself included.</param>
    /// <param name="seed">A seed's view of its own cluster.</param>
    public static IReadOnlyList<string>? JoinThrough(MemberId self, IReadOnlyCollection<MemberId> mine, SeedView seed)
    {
        // The same cluster, or views still catching up with each other (a join, a removal): Akka's own machinery acts there.
        if (!seed.SelfUp || seed.Island.Count == 0 || seed.Island.Contains(self) || mine.Contains(seed.Self) || seed.Island.Any(mine.Contains))
        {
            return null;
        }

        return Beats(seed.Island, mine) ? [.. seed.Island.Select(m => m.ClusterAddress).Distinct(StringComparer.Ordinal)] : null;
    }

    private static bool Beats(IReadOnlyCollection<MemberId> theirs, IReadOnlyCollection<MemberId> mine) =>
        theirs.Count != mine.Count ? theirs.Count > mine.Count : Compare(Lowest(theirs), Lowest(mine)) < 0;

    private static MemberId Lowest(IEnumerable<MemberId> island) => island.Aggregate((a, b) => Compare(a, b) <= 0 ? a : b);

    private static int Compare(MemberId a, MemberId b)
    {
        var byAddress = string.CompareOrdinal(a.ClusterAddress, b.ClusterAddress);
        return byAddress != 0 ? byAddress : a.Uid.CompareTo(b.Uid);
    }
}
