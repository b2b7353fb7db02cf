using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Tests.Support;

/// <summary>One in-process node: its cluster membership and its one simulated host.</summary>
internal sealed class TestNode(ClusterNode cluster, IHwbpHost host) : IAsyncDisposable
{
    private bool disposed;

    public ClusterNode Cluster => cluster;

    public IHwbpHost Host => host;

    /// <summary>The host named <paramref name="name"/> as this node serves it.</summary>
    public IHwbpHost Resolve(string name) =>
        cluster.TryResolve(name, out var resolved) ? resolved : throw new InvalidOperationException($"{cluster.NodeName} does not know host {name}");

    /// <summary>Opens a session on this node (as the node's registry does) and returns its id.</summary>
    public async Task<string> OpenSessionAsync(TimeSpan ttl)
    {
        var session = new SessionInfo($"{cluster.NodeName}-{Guid.NewGuid():N}", ClientKind.Perf, "test", Privileged: true);
        await host.OpenSessionAsync(session);
        cluster.SessionOpened(session, ttl);
        return session.SessionId;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await cluster.DisposeAsync();
        await host.DisposeAsync();
    }
}
