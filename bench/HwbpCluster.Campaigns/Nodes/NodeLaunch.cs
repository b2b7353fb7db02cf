using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Campaigns.Nodes;

/// <summary>Starts the campaigns' nodes with the node's own launcher (<see cref="NodeProcess"/>), on a known gRPC port.</summary>
public static class NodeLaunch
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    /// <summary>The gRPC (h2c) address of a node on <paramref name="port"/>.</summary>
    public static Uri Grpc(int port) => new($"http://127.0.0.1:{port}");

    /// <summary>Starts a node on <paramref name="grpcPort"/> with <paramref name="args"/> added; returns once its banner is printed.</summary>
    public static Task<NodeProcess> StartAsync(int grpcPort, IEnumerable<string> args, CancellationToken cancellationToken) =>
        StartAsync([.. args, "--urls", Grpc(grpcPort).ToString().TrimEnd('/')], launcher: null, cancellationToken);

    /// <summary>Starts a node with <paramref name="args"/>, run through <paramref name="launcher"/> if any (e.g. <c>ip netns exec NS</c>); returns once its banner is printed.</summary>
    public static async Task<NodeProcess> StartAsync(IEnumerable<string> args, IReadOnlyList<string>? launcher, CancellationToken cancellationToken)
    {
        var node = LogDirectory is null
            ? NodeProcess.Start(args, launcher: launcher)
            : NodeProcess.Start(args, "Information", PostMortemLogging, launcher);
        try
        {
            await node.BannerAsync(cancellationToken).WaitAsync(StartBound, cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>For a post-mortem: each line with its time (to the millisecond, the campaign's clock's), and the cluster's
    /// leases at Debug (each lease opened and each one due, with its deadline).</summary>
    private static readonly Dictionary<string, string> PostMortemLogging = new()
    {
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        ["Logging__LogLevel__HwbpCluster.Cluster"] = "Debug",
    };

    /// <summary>Where a campaign keeps its nodes' logs (<c>HWBP_CAMPAIGN_LOGDIR</c>), for a post-mortem; null: nowhere, and
    /// nodes log warnings only.</summary>
    public static string? LogDirectory => Environment.GetEnvironmentVariable("HWBP_CAMPAIGN_LOGDIR");

    /// <summary>Everything the node printed so far: the console logger writes to standard output, a crash to standard error.</summary>
    public static string Log(NodeProcess node) => string.Join('\n', node.Output.Concat(node.Error));
}
