using HwbpCluster.Client;
using HwbpCluster.Demo.Cluster;
using HwbpCluster.Demo.Output;

namespace HwbpCluster.Demo.Story;

/// <summary>What every act works with: the cluster, one SDK client per node, the seeded random source, the writer, the figures.</summary>
internal sealed class StoryContext(LocalCluster cluster, IStoryWriter writer, int seed, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly Dictionary<int, HwbpClient> _clients = [];

    public LocalCluster Cluster => cluster;

    public IStoryWriter Writer => writer;

    /// <summary>Tids, addresses and access counts come from here only, so a seed tells one story.</summary>
    public Random Random { get; } = new(seed);

    public CancellationToken Cancellation => cancellationToken;

    /// <summary>The measured figures for the summary, in the order they were taken.</summary>
    public List<(string What, string Figure)> Figures { get; } = [];

    /// <summary>The session the fleet act opens on n3 and the kill act leaves to die with it.</summary>
    public HwbpSession? FleetSession { get; set; }

    /// <summary>The hosts the fleet act reserved on.</summary>
    public IReadOnlyList<string> FleetHosts { get; set; } = [];

    /// <summary>The SDK client of node <paramref name="index"/> (0 = n1).</summary>
    public HwbpClient Client(int index)
    {
        if (!_clients.TryGetValue(index, out var client))
        {
            // A short deadline: the kill act calls a dead node, and a step should fail in seconds, not in the default 30.
            client = HwbpClient.Connect(cluster.Plans[index].Address, new HwbpClientOptions { DefaultDeadline = TimeSpan.FromSeconds(10) });
            _clients[index] = client;
        }

        return client;
    }

    /// <summary>
    /// The SDK client of the node that owns <paramref name="host"/>: the Simulator service is served by the host's own node
    /// only (other nodes forward hwbp.v1.Arbiter and Fleet calls, not Simulator ones).
    /// </summary>
    public HwbpClient Owner(string host) => Client(cluster.Plans.ToList().FindIndex(p => p.Hosts.Contains(host)));

    /// <summary>A user-space address aligned to 8 bytes, different per seed.</summary>
    public ulong UserAddress(ulong region) => region + ((ulong)Random.Next(0x1000) * 0x40);

    /// <summary>A tid from 1000 to 9999, different per seed.</summary>
    public ulong Tid() => (ulong)Random.Next(1000, 10_000);

    public async ValueTask DisposeAsync()
    {
        if (FleetSession is not null)
        {
            await FleetSession.DisposeAsync();
        }

        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync();
        }
    }
}
