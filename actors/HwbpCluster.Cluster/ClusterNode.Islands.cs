using Akka.Cluster;
using HwbpCluster.Cluster.Internal;

namespace HwbpCluster.Cluster;

/// <summary>Healing a split that left two clusters: the one that gives way (<see cref="IslandRule"/>) rejoins the other.</summary>
public sealed partial class ClusterNode
{
    // Consecutive checks that must agree before this node gives way: views settle within a few seconds of a join or removal.
    private const int ChecksToYield = 3;
    private IReadOnlyList<string>? rejoinThrough;
    private int yields;
    private int formations;

    /// <summary>How many times this node gave way to another cluster it found through its seeds (after a healed split).</summary>
    public int Yields => Volatile.Read(ref yields);

    /// <summary>How many times this node formed the cluster anew because no seed that answered was a member of one.</summary>
    public int Formations => Volatile.Read(ref formations);

    private async Task WatchIslandsAsync(Func<CancellationToken, Task<IReadOnlyList<SeedView>>> ask, CancellationToken cancellationToken)
    {
        var agreeing = 0;
        Incarnation? watched = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.IslandCheck, cancellationToken);
                var incarnation = current;
                agreeing = incarnation == watched ? agreeing : 0;
                watched = incarnation;
                if (!IsMember(incarnation))
                {
                    agreeing = IslandRule.FormsAnew(options.NodeName, await ask(cancellationToken)) ? agreeing + 1 : 0;
                    if (agreeing >= ChecksToYield && current == incarnation && !IsMember(incarnation))
                    {
                        // Akka's own way out of a join stuck on seeds that are not there: join itself, which forms a cluster.
                        ClusterLog.FormingAnew(logger);
                        Interlocked.Increment(ref formations);
                        incarnation.Cluster.Join(incarnation.Cluster.SelfAddress);
                        agreeing = 0;
                    }

                    continue;
                }

                var through = await JoinThroughAsync(incarnation, ask, cancellationToken);
                agreeing = through is null ? 0 : agreeing + 1;
                if (through is not null && agreeing >= ChecksToYield && current == incarnation)
                {
                    // Downed by itself, this incarnation ends; OnTerminatedAsync rejoins through the cluster that stays.
                    ClusterLog.YieldingToCluster(logger, string.Join(", ", through));
                    Volatile.Write(ref rejoinThrough, through);
                    Interlocked.Increment(ref yields);
                    incarnation.Cluster.Down(incarnation.Cluster.SelfAddress);
                    agreeing = 0;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ClusterLog.IslandCheckFailed(logger, ex);
            }
        }
    }

    // In a cluster at all, whatever its status there: a node still waiting on its seeds is in none.
    private static bool IsMember(Incarnation incarnation) =>
        incarnation.Cluster.State.Members.Any(m => m.UniqueAddress == incarnation.Cluster.SelfUniqueAddress);

    // This node's cluster as it counts it, beside each seed's; the first seed whose cluster wins names where to rejoin.
    private static async Task<IReadOnlyList<string>?> JoinThroughAsync(
        Incarnation incarnation, Func<CancellationToken, Task<IReadOnlyList<SeedView>>> ask, CancellationToken cancellationToken)
    {
        var state = incarnation.Cluster.State;
        var self = incarnation.Cluster.SelfUniqueAddress;
        var status = state.Members.FirstOrDefault(m => m.UniqueAddress == self)?.Status;
        if (status is not (MemberStatus.Joining or MemberStatus.Up or MemberStatus.WeaklyUp))
        {
            return null;
        }

        var mine = state.Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving && incarnation.Reaches(m))
            .Select(m => new MemberId(m.Address.ToString(), m.UniqueAddress.Uid))
            .ToHashSet();
        var me = new MemberId(self.Address.ToString(), self.Uid);
        return IslandRule.JoinThrough(me, up: status is not MemberStatus.Joining, mine, await ask(cancellationToken));
    }
}
