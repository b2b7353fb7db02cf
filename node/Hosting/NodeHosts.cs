using HwbpCluster.Cluster;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Hosting;

/// <summary>The hosts this node serves: its own (the first is the node's own host; an empty host field means it), and in a
/// cluster every other member's, forwarded to their nodes.</summary>
internal sealed class NodeHosts : IAsyncDisposable
{
    private readonly Dictionary<string, IHwbpHost> byName;
    private readonly CancellationTokenSource anyFailed;
    private volatile ClusterNode? cluster;

    /// <summary>Takes ownership of <paramref name="hosts"/>: they are disposed with the node.</summary>
    public NodeHosts(IReadOnlyList<IHwbpHost> hosts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(hosts.Count);
        Local = hosts;
        byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        anyFailed = CancellationTokenSource.CreateLinkedTokenSource(hosts.Select(h => h.Failed).ToArray());
    }

    /// <summary>The hosts whose registers this node owns, its own first.</summary>
    public IReadOnlyList<IHwbpHost> Local { get; }

    /// <summary>Every host this node can reach now: its own, then (in a cluster) the reachable members' hosts.</summary>
    public IReadOnlyList<IHwbpHost> All => cluster is { } c ? [.. c.Hosts().Where(h => h.Reachable).Select(h => h.Host)] : Local;

    /// <summary>Cancelled once any host has been taken out after a failure (the node then reports NOT_SERVING).</summary>
    public CancellationToken AnyFailed => anyFailed.Token;

    /// <summary>The node's own (first) host.</summary>
    public IHwbpHost First => Local[0];

    /// <summary>The cluster this node is a member of, once membership started; null for a node without seeds.</summary>
    public ClusterNode? Cluster
    {
        get => cluster;
        set => cluster = value;
    }

    /// <summary>The host named <paramref name="name"/>, the first for an empty name.</summary>
    /// <exception cref="Grpc.Core.RpcException">NOT_FOUND naming <paramref name="field"/> for a host neither this node nor its cluster serves.</exception>
    public IHwbpHost Resolve(string name, string field = "host") =>
        name.Length == 0 ? First
        : TryGet(name, out var host) ? host
        : throw RpcErrors.NotFound(cluster is null
            ? $"{field}: host '{name}' is not served by this node (it serves {string.Join(", ", byName.Keys)})"
            : $"{field}: host '{name}' is not served by any member of the cluster");

    /// <summary>The host named <paramref name="name"/>, if this node or its cluster serves it.</summary>
    public bool TryGet(string name, out IHwbpHost host) =>
        byName.TryGetValue(name, out host!) || (cluster is { } c && c.TryResolve(name, out host!));

    /// <summary>A session was opened on this node: other nodes' hosts lease it from now on.</summary>
    public void SessionOpened(SessionInfo session, TimeSpan ttl) => cluster?.SessionOpened(session, ttl);

    /// <summary>A session's lease was renewed: renew it on the other nodes' hosts that hold something of it.</summary>
    public void SessionRenewed(string sessionId) => cluster?.SessionRenewed(sessionId);

    /// <summary>A session ended: close it on the other nodes' hosts; returns how many reservations they released.</summary>
    public Task<int> SessionEndedAsync(string sessionId, string reason) =>
        cluster?.SessionEndedAsync(sessionId, reason) ?? Task.FromResult(0);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Local)
        {
            await host.DisposeAsync();
        }

        anyFailed.Dispose();
    }
}
