namespace HwbpCluster.Cluster;

/// <summary>A member of the cluster as this node sees it.</summary>
/// <param name="Node">Its node name.</param>
/// <param name="GrpcAddress">Where it serves gRPC.</param>
/// <param name="ClusterAddress">Its Akka address (where cluster traffic reaches it).</param>
/// <param name="Status">Akka's membership status: Joining, WeaklyUp, Up, Leaving, Exiting, Down (Removed members are not listed).</param>
/// <param name="Reachable">This node's failure detector's view (always true for this node itself).</param>
/// <param name="Hosts">The hosts whose registers it owns.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="IsSelf">Whether it is this node.</param>
/// <param name="Uid">Akka's uid of this incarnation: with <paramref name="ClusterAddress"/>, who it is (a rejoined node keeps the address).</param>
public sealed record ClusterMember(
    string Node, string GrpcAddress, string ClusterAddress, string Status, bool Reachable, IReadOnlyList<string> Hosts,
    IReadOnlyDictionary<string, string> Labels, bool IsSelf, long Uid);
