using Grpc.Net.Client;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>Where the fault campaign's nodes run and how the campaign reaches them: loopback, or network namespaces that can be cut.</summary>
public interface IFaultNetwork : IDisposable
{
    /// <summary>Whether a node's link can be cut and healed.</summary>
    bool CanPartition { get; }

    /// <summary>What the campaign says about the network, for its report.</summary>
    string Description { get; }

    /// <summary>The switches that place node <paramref name="node"/> (0-based) on this network, given every node's seeds.</summary>
    IEnumerable<string> NodeArgs(int node, int count);

    /// <summary>The command prefix that runs node <paramref name="node"/>, or null to run it here.</summary>
    IReadOnlyList<string>? Launcher(int node);

    /// <summary>A gRPC channel to node <paramref name="node"/>, with whatever credentials the network's nodes need.</summary>
    GrpcChannel Channel(int node);

    /// <summary>Cuts node <paramref name="node"/> off from the others.</summary>
    void Cut(int node);

    /// <summary>Links node <paramref name="node"/> to the others again.</summary>
    void Heal(int node);
}

/// <summary>Nodes on 127.0.0.1, each on a free port: no partitions.</summary>
public sealed class LoopbackNetwork(int count) : IFaultNetwork
{
    private readonly int[] _ports = [.. Enumerable.Range(0, count).Select(_ => Node.Hosting.NodeProcess.FreeLoopbackPort())];

    /// <inheritdoc />
    public bool CanPartition => false;

    /// <inheritdoc />
    public string Description => "loopback (kill -9 and restarts only)";

    /// <inheritdoc />
    public IEnumerable<string> NodeArgs(int node, int count) =>
        ["--urls", Url(node), "--seeds", string.Join(",", Enumerable.Range(0, count).Select(Url))];

    /// <inheritdoc />
    public IReadOnlyList<string>? Launcher(int node) => null;

    /// <inheritdoc />
    public GrpcChannel Channel(int node) => GrpcChannel.ForAddress(Url(node));

    /// <inheritdoc />
    public void Cut(int node) => throw new NotSupportedException("loopback nodes cannot be cut off");

    /// <inheritdoc />
    public void Heal(int node) => throw new NotSupportedException("loopback nodes cannot be cut off");

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private string Url(int node) => Nodes.NodeLaunch.Grpc(_ports[node]).ToString().TrimEnd('/');
}
