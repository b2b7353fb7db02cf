namespace HwbpCluster.Cluster;

/// <summary>One incarnation of a member: its cluster address and Akka's uid (a rejoined node keeps the address, not the uid).</summary>
/// <param name="ClusterAddress">Its Akka address.</param>
/// <param name="Uid">Akka's uid of this incarnation.</param>
public readonly record struct MemberId(string ClusterAddress, long Uid);

/// <summary>One seed's view of its cluster, as the seed answers ListMembers: who it is, and whom it counts as in its cluster.</summary>
/// <param name="Node">The seed's node name.</param>
/// <param name="Self">The seed itself; default while it is no member of any cluster yet.</param>
/// <param name="SelfUp">Whether the seed is an Up member (a joining seed's view says nothing yet).</param>
/// <param name="Island">The members the seed counts: Up or Leaving, and reachable as it sees them; itself included.</param>
/// <param name="Known">Every member the seed knows of, whatever its status or reachability.</param>
public sealed record SeedView(string Node, MemberId Self, bool SelfUp, IReadOnlyList<MemberId> Island, IReadOnlyList<MemberId> Known);
