using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>
/// Real hwbp-node processes n1.., one per network namespace (<see cref="NetworkNamespaces"/>), each serving host h1.. over gRPC
/// with tokens on its namespace's address, cluster traffic over mutual TLS on the same address, n1 and n2 the seeds. The test
/// reaches node i through a socket made in node i's namespace, so it sees every node whatever link is cut.
/// </summary>
internal sealed class NamespacedCluster : IAsyncDisposable
{
    public const string Token = "partition-test-secret";
    private const int GrpcPort = 7070;
    private const int ClusterPort = 4053;
    private readonly string folder = Directory.CreateTempSubdirectory("hwbp-netns-").FullName;
    private readonly TestAuthority ca = new("hwbp partition test CA");
    private readonly List<NodeProcess?> processes = [];
    private readonly List<GrpcChannel> channels = [];

    private NamespacedCluster(NetworkNamespaces network)
    {
        Network = network;
    }

    public NetworkNamespaces Network { get; }

    public int Count => Network.Members;

    /// <summary>Node i's process (0-based).</summary>
    public NodeProcess Process(int i) => processes[i] ?? throw new InvalidOperationException($"n{i + 1} is not running");

    /// <summary>A client of node i, with the test's admin token.</summary>
    public NodeClient Client(int i) => new(channels[i], Token);

    /// <summary>Builds the namespaces and starts <paramref name="count"/> nodes in them; they are not joined yet when this returns.</summary>
    public static async Task<NamespacedCluster> StartAsync(int count, CancellationToken cancellationToken)
    {
        var cluster = new NamespacedCluster(NetworkNamespaces.Create(count));
        try
        {
            var tokens = Path.Combine(cluster.folder, "tokens.json");
            await File.WriteAllTextAsync(tokens, $$"""{"tokens": [{"token": "{{Token}}", "name": "test", "kinds": ["PERF"], "admin": true}]}""",
                cancellationToken);
            var caPath = cluster.ca.WriteCa(cluster.folder);
            var seeds = string.Join(',', Enumerable.Range(0, Math.Min(2, count)).Select(cluster.GrpcUrl));
            for (var i = 0; i < count; i++)
            {
                var (cert, key) = cluster.ca.WriteNode(cluster.folder, $"n{i + 1}");
                cluster.processes.Add(NodeProcess.Start(
                    ["--node-name", $"n{i + 1}", "--host-name", $"h{i + 1}", "--cpus", "2", "--session-ttl-ms", "3000",
                     "--urls", cluster.GrpcUrl(i), "--auth-tokens-file", tokens, "--seeds", seeds, "--seed-token", Token,
                     "--cluster-urls", $"tcp://{cluster.Network.Address(i)}:{ClusterPort}",
                     "--cluster-tls-cert", cert, "--cluster-tls-key", key, "--cluster-tls-ca", caPath],
                    launcher: cluster.Network.Launcher(i)));
                cluster.channels.Add(GrpcChannel.ForAddress(cluster.GrpcUrl(i), new GrpcChannelOptions { HttpHandler = cluster.Network.Handler(i), DisposeHttpClient = true }));
            }

            foreach (var process in cluster.processes)
            {
                await process!.BannerAsync(cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The members node i lists now, or none if it does not answer within 5 s.</summary>
    public async Task<IReadOnlyList<Member>> MembersAsync(int i)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return (await Client(i).CallAsync(Api.ListMembers, new ListMembersRequest(), timeout.Token)).Members;
        }
        catch (RpcException)
        {
            return [];
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public async Task<TimeSpan> WaitAsync(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                var views = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
                    $"n{i + 1}: " + string.Join(", ", (await MembersAsync(i)).Select(m => $"{m.Node}={m.Status}{(m.Reachable ? "" : "(unreachable)")}"))));
                Assert.Fail($"timed out after {within} waiting for: {what}; members: {string.Join(" | ", views)}");
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    /// <summary>Stops every node (kill), then deletes the namespaces and the files.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes.OfType<NodeProcess>())
        {
            await process.DisposeAsync();
        }

        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        Network.Dispose();
        ca.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private string GrpcUrl(int i) => $"http://{Network.Address(i)}:{GrpcPort}";
}
