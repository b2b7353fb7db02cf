using HwbpCluster.Hosts;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Hosting;

/// <summary>The hosts whose registers this node owns, by name; the first is the node's own host (an empty host field means it).</summary>
internal sealed class NodeHosts : IAsyncDisposable
{
    private readonly Dictionary<string, IHwbpHost> byName;

    /// <summary>Takes ownership of <paramref name="hosts"/>: they are disposed with the node.</summary>
    public NodeHosts(IReadOnlyList<IHwbpHost> hosts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(hosts.Count);
        All = hosts;
        byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }

    /// <summary>Every host, the node's own first.</summary>
    public IReadOnlyList<IHwbpHost> All { get; }

    /// <summary>The node's own (first) host.</summary>
    public IHwbpHost First => All[0];

    /// <summary>The host named <paramref name="name"/>, the first for an empty name.</summary>
    /// <exception cref="Grpc.Core.RpcException">NOT_FOUND naming <paramref name="field"/> for a host this node does not serve.</exception>
    public IHwbpHost Resolve(string name, string field = "host") =>
        name.Length == 0 ? First
        : byName.TryGetValue(name, out var host) ? host
        : throw RpcErrors.NotFound($"{field}: host '{name}' is not served by this node (it serves {string.Join(", ", byName.Keys)})");

    /// <summary>The host named <paramref name="name"/>, if this node serves it.</summary>
    public bool TryGet(string name, out IHwbpHost host) => byName.TryGetValue(name, out host!);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in All)
        {
            await host.DisposeAsync();
        }
    }
}
