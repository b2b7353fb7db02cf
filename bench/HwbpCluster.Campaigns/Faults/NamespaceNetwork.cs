using System.Net.Http.Headers;
using Grpc.Net.Client;
using HwbpCluster.Testing;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// Nodes in network namespaces (<see cref="NetworkNamespaces"/>: one per node, bridged, addresses in 10.250.0.0/24 that exist
/// only inside them), so a node's link can be cut as a real partition. Off loopback a node needs tokens for gRPC and mutual
/// TLS for cluster traffic: the network writes both (an admin token, a CA and a certificate per node) into a folder of its own.
/// The campaign reaches each node through sockets made in that node's namespace, so it sees a node whatever link is cut.
/// </summary>
public sealed class NamespaceNetwork : IFaultNetwork
{
    private const string Token = "fault-campaign-secret";
    private const int GrpcPort = 7070;
    private const int ClusterPort = 4053;
    private readonly NetworkNamespaces _network;
    private readonly TestAuthority _authority = new("hwbp fault campaign CA");
    private readonly string _folder = Directory.CreateTempSubdirectory("hwbp-faults-").FullName;
    private readonly string _tokens;
    private readonly string _ca;

    private NamespaceNetwork(NetworkNamespaces network)
    {
        _network = network;
        _tokens = Path.Combine(_folder, "tokens.json");
        File.WriteAllText(_tokens, $$"""{"tokens": [{"token": "{{Token}}", "name": "campaign", "kinds": ["PERF"], "admin": true}]}""");
        _ca = _authority.WriteCa(_folder);
    }

    /// <summary>Why namespaces cannot be made here, or null when they can.</summary>
    public static string? UnlessAvailable() => NetworkNamespaces.UnlessAvailable();

    /// <summary>Builds the namespaces for <paramref name="count"/> nodes.</summary>
    public static NamespaceNetwork Create(int count) => new(NetworkNamespaces.Create(count));

    /// <inheritdoc />
    public bool CanPartition => true;

    /// <inheritdoc />
    public string Description => "network namespaces 10.250.0.0/24, cluster over mutual TLS (kill -9, restarts and partitions)";

    /// <inheritdoc />
    public IEnumerable<string> NodeArgs(int node, int count)
    {
        var (cert, key) = _authority.WriteNode(_folder, $"n{node + 1}");
        return
        [
            "--urls", Url(node), "--auth-tokens-file", _tokens, "--seed-token", Token,
            "--seeds", string.Join(",", Enumerable.Range(0, count).Select(Url)),
            "--cluster-urls", $"tcp://{_network.Address(node)}:{ClusterPort}",
            "--cluster-tls-cert", cert, "--cluster-tls-key", key, "--cluster-tls-ca", _ca,
        ];
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? Launcher(int node) => _network.Launcher(node);

    /// <inheritdoc />
    public GrpcChannel Channel(int node)
    {
        var client = new HttpClient(_network.Handler(node)) { DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        return GrpcChannel.ForAddress(Url(node), new GrpcChannelOptions { HttpClient = client, DisposeHttpClient = true });
    }

    /// <inheritdoc />
    public void Cut(int node) => _network.Cut(node);

    /// <inheritdoc />
    public void Heal(int node) => _network.Heal(node);

    /// <inheritdoc />
    public void Dispose()
    {
        _network.Dispose();
        _authority.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Url(int node) => $"http://{_network.Address(node)}:{GrpcPort}";
}
