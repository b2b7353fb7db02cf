namespace HwbpCluster.Cluster.Internal;

/// <summary>Which of two clusters that each think they are the whole one gives way, so that a healed split becomes one cluster.</summary>
/// <remarks>
/// <para>A split can end with two clusters that never merge by themselves: in a cluster of two each side keeps itself
/// (<see cref="DowningRule"/>), and a cut while a restarted node is still joining lets both sides count two of three. Akka
/// merges neither: each side has downed (and quarantined) the other. The seeds' own views, asked over gRPC once the link is
/// back, show it. A third end seen by the fault campaign: one side removed a node that still counts the other side's
/// members, and reaches them again after the heal.</para>
/// <para>Between disjoint clusters, the larger one stays; on a tie, the one holding the lowest-addressed member. Both sides decide the same from the
/// same two views, so only one side gives way. Pure: the node asks the seeds and acts.</para>
/// </remarks>
internal static class IslandRule
{
    /// <summary>The addresses to rejoin through when this node's cluster gives way to one of <paramref name="seeds"/>', otherwise null.</summary>
    /// <param name="self">This node's current incarnation.</param>
    /// <param name="up">Whether this node is Up (otherwise still Joining).</param>
    /// <param name="mine">The members this node counts (Up or Leaving, reachable), itself included once it is Up.</param>
    /// <param name="seeds">The other seeds' views, in seed order: the first whose cluster wins names where to rejoin.</param>
    /// <remarks>A node still Joining acts only when no seed knows it: one that does is letting it in, and gossip reaches the
    /// other members a moment later (a node that is Up has been seen by all of them).</remarks>
    public static IReadOnlyList<string>? JoinThrough(MemberId self, bool up, IReadOnlyCollection<MemberId> mine, IReadOnlyList<SeedView> seeds)
    {
        if (!up && seeds.Any(s => s.Known.Contains(self)))
        {
            return null;
        }

        foreach (var seed in seeds)
        {
            if (JoinThrough(self, mine, seed) is { } through)
            {
                return through;
            }
        }

        return null;
    }

    /// <summary>The addresses to rejoin through when this node's cluster gives way to <paramref name="seed"/>'s, otherwise null.</summary>
    /// <param name="self">This node's current incarnation.</param>
    /// <param name="mine">The members this node counts (Up or Leaving, reachable), itself included once it is Up.</param>
    /// <param name="seed">A seed's view of its own cluster.</param>
    public static IReadOnlyList<string>? JoinThrough(MemberId self, IReadOnlyCollection<MemberId> mine, SeedView seed)
    {
        if (!seed.SelfUp || seed.Island.Count == 0 || seed.Known.Contains(self))
        {
            return null;
        }

        // This node counts the seed, the seed does not know it: the seed's cluster removed this node and it never learned
        // (Akka quarantines a removed node, so nobody tells it), Up or still Joining. Only this side can see it, so only it acts.
        if (mine.Contains(seed.Self))
        {
            return Addresses(seed.Island);
        }

        // A node not Up yet counts no cluster of its own to weigh. Views overlapping elsewhere are still settling (a join, a
        // removal): asked again, they either agree or fall apart.
        if (!mine.Contains(self) || seed.Island.Any(mine.Contains))
        {
            return null;
        }

        return Beats(seed.Island, mine) ? Addresses(seed.Island) : null;
    }

    /// <summary>
    /// Whether this node, a member of no cluster, forms one anew: some seeds answer, none of them is a member either, and this
    /// node's name comes first among them. Every node that was downed rejoins through the others only (alone it would split a
    /// cluster whose link is still cut), so when all of them were downed at once, nobody would ever be there to join.
    /// </summary>
    /// <param name="self">This node's name.</param>
    /// <param name="seeds">The other seeds that answer.</param>
    public static bool FormsAnew(string self, IReadOnlyCollection<SeedView> seeds) =>
        seeds.Count > 0 && seeds.All(s => s.Known.Count == 0 && string.CompareOrdinal(self, s.Node) < 0);

    private static List<string> Addresses(IEnumerable<MemberId> island) => [.. island.Select(m => m.ClusterAddress).Distinct(StringComparer.Ordinal)];

    private static bool Beats(IReadOnlyCollection<MemberId> theirs, IReadOnlyCollection<MemberId> mine) =>
        theirs.Count != mine.Count ? theirs.Count > mine.Count : Compare(Lowest(theirs), Lowest(mine)) < 0;

    private static MemberId Lowest(IEnumerable<MemberId> island) => island.Aggregate((a, b) => Compare(a, b) <= 0 ? a : b);

    private static int Compare(MemberId a, MemberId b)
    {
        var byAddress = string.CompareOrdinal(a.ClusterAddress, b.ClusterAddress);
        return byAddress != 0 ? byAddress : a.Uid.CompareTo(b.Uid);
    }
}
