using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Tests.Support;

/// <summary>Several cluster nodes in this process, each on its own loopback port with one simulated host, joined through the first.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Fast enough for tests, slow enough for a busy 2-core machine not to suspect a live node.</summary>
    public static readonly ClusterNodeOptions Defaults = new()
    {
        NodeName = "n",
        HeartbeatPause = TimeSpan.FromSeconds(1),
        StableAfter = TimeSpan.FromSeconds(2),
        CallTimeout = TimeSpan.FromSeconds(5),
        LeaseSweep = TimeSpan.FromMilliseconds(100),
        RejoinDelay = TimeSpan.FromMilliseconds(500),
    };

    private readonly List<TestNode> nodes = [];

    public IReadOnlyList<TestNode> Nodes => nodes;

    public TestNode this[int i] => nodes[i];

    /// <summary>Starts <paramref name="count"/> nodes n1.. with hosts h1.. and waits until each sees all of them Up.</summary>
    public static async Task<TestCluster> StartAsync(int count, Func<ClusterNodeOptions, ClusterNodeOptions>? tune = null)
    {
        var cluster = new TestCluster();
        for (var i = 1; i <= count; i++)
        {
            cluster.Add($"n{i}", $"h{i}", tune);
        }

        await cluster.WaitAsync(() => cluster.nodes.All(n => n.Cluster.Members().Count(m => m.Status == "Up") == count), "all Up");
        return cluster;
    }

    /// <summary>Starts one more node that joins through the first, logging to <paramref name="logs"/> if given.</summary>
    public TestNode Add(string node, string host, Func<ClusterNodeOptions, ClusterNodeOptions>? tune = null, LogRecorder? logs = null)
    {
        var options = Defaults with { NodeName = node, GrpcAddress = $"http://127.0.0.1:1/{node}", Labels = new Dictionary<string, string> { ["name"] = node } };
        options = tune?.Invoke(options) ?? options;
        var simulated = SimulatedHost.Start(new SimulatedHostOptions(host, ArchProfile.X86_64(2)));
        var member = ClusterNode.Start(options, [simulated], logs);
        var seed = nodes.Count == 0 ? member.ClusterAddress : nodes[0].Cluster.ClusterAddress;
        member.Join([seed]);
        var added = new TestNode(member, simulated);
        nodes.Add(added);
        return added;
    }

    /// <summary>Waits up to <paramref name="within"/> (default 20 s) for <paramref name="condition"/>; fails naming <paramref name="what"/>.</summary>
    public async Task<TimeSpan> WaitAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var started = DateTime.UtcNow;
        var deadline = started + (within ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}; members: {Describe()}");
            await Task.Delay(50);
        }

        return DateTime.UtcNow - started;
    }

    public string Describe() => string.Join(" | ", nodes.Select(n =>
        $"{n.Cluster.NodeName}: " + string.Join(", ", n.Cluster.Members().Select(m => $"{m.Node}={m.Status}{(m.Reachable ? "" : "(unreachable)")}"))));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
