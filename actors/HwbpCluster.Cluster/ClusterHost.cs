using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster;

/// <summary>A host anywhere in the cluster, with its node's labels and whether this node reaches it.</summary>
/// <param name="Host">Calls on it: local, or forwarded to its node (UNAVAILABLE, naming the node, while unreachable).</param>
/// <param name="Node">The node that owns it.</param>
/// <param name="Labels">That node's labels.</param>
/// <param name="Reachable">Whether this node reaches that node now.</param>
public sealed record ClusterHost(IHwbpHost Host, string Node, IReadOnlyDictionary<string, string> Labels, bool Reachable);
