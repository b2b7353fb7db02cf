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

    /// <summary>
    /// Starts one more node that joins through the first, logging to <c>logs</c> if given. With <c>alone</c> it forms a cluster
    /// of its own instead, as a side of a split that kept itself does; with <c>askSeeds</c> it asks every other node of this test,
    /// as a seed, how it sees its cluster.
    /// </summary>
    public TestNode Add(string node, string host, Func<ClusterNodeOptions, ClusterNodeOptions>? tune = null, LogRecorder? logs = null,
        Func<CancellationToken, Task<IReadOnlyList<string>>>? resolveSeeds = null, bool alone = false, bool askSeeds = false)
    {
        var options = Defaults with { NodeName = node, GrpcAddress = $"http://127.0.0.1:1/{node}", Labels = new Dictionary<string, string> { ["name"] = node } };
        options = tune?.Invoke(options) ?? options;
        var simulated = SimulatedHost.Start(new SimulatedHostOptions(host, ArchProfile.X86_64(2)));
        var member = ClusterNode.Start(options, [simulated], logs);
        var seed = nodes.Count == 0 || alone ? member.ClusterAddress : nodes[0].Cluster.ClusterAddress;
        member.Join([seed], resolveSeeds, askSeeds ? _ => Task.FromResult(ViewsOfAllBut(member)) : null);
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

    // Each other node's view of its cluster, as the node's SeedResolver builds it from ListMembers.
    private IReadOnlyList<SeedView> ViewsOfAllBut(ClusterNode asking) => [.. nodes.Where(n => n.Cluster != asking).Select(n =>
    {
        var members = n.Cluster.Members();
        var self = members.FirstOrDefault(m => m.IsSelf);
        return self is null
            ? new SeedView(n.Cluster.NodeName, default, SelfUp: false, [], [])
            : new SeedView(n.Cluster.NodeName, Id(self), self.Status is "Up" or "WeaklyUp",
                [.. members.Where(m => m.Reachable && m.Status is "Up" or "WeaklyUp" or "Leaving").Select(Id)], [.. members.Select(Id)]);
    })];

    private static MemberId Id(ClusterMember member) => new(member.ClusterAddress, member.Uid);

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
