namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// A seeded fault schedule: the same seed, nodes and duration give the same steps. One node at a time is killed or cut off,
/// for 6 to 15 s (longer than a campaign lease and its slack, so that every lease a fault cuts runs out), with 2 to 8 s
/// between faults; every fault is undone at least <see cref="QuietEnd"/> before the end.
/// </summary>
/// <remarks>
/// One fault at a time keeps a majority (2 of 3) alive, so the cluster must go on serving the hosts it can reach: with two of
/// three nodes gone the keep-majority rule downs the survivor too, which tests the downing rule rather than the arbiter.
/// Downtimes straddle Akka's removal (about 10 s after the failure): a node restarted before its old incarnation was removed
/// must replace it, one restarted after joins as a plain new member.
/// </remarks>
public static class FaultSchedule
{
    /// <summary>Time at the end with no fault in force, for the cluster to settle before the final checks.</summary>
    public static readonly TimeSpan QuietEnd = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstFault = TimeSpan.FromSeconds(3);

    /// <summary>Plans the faults for <paramref name="nodes"/> nodes over <paramref name="duration"/>; partitions only when <paramref name="partitions"/>.</summary>
    public static IReadOnlyList<FaultStep> Plan(int seed, int nodes, TimeSpan duration, bool partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 3);
        var random = new Random(seed);
        var steps = new List<FaultStep>();
        var at = FirstFault;
        while (true)
        {
            var down = TimeSpan.FromMilliseconds(random.Next(6_000, 15_001));
            if (at + down > duration - QuietEnd)
            {
                return steps;
            }

            var node = random.Next(nodes);
            var cut = partitions && random.Next(2) == 0;
            steps.Add(new FaultStep(at, cut ? FaultKind.Cut : FaultKind.Kill, node));
            steps.Add(new FaultStep(at + down, cut ? FaultKind.Heal : FaultKind.Restart, node));
            at += down + TimeSpan.FromMilliseconds(random.Next(2_000, 8_001));
        }
    }
}
