using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Campaigns.Nodes;

/// <summary>Starts the campaigns' nodes with the node's own launcher (<see cref="NodeProcess"/>), on a known gRPC port.</summary>
public static class NodeLaunch
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    /// <summary>The gRPC (h2c) address of a node on <paramref name="port"/>.</summary>
    public static Uri Grpc(int port) => new($"http://127.0.0.1:{port}");

    /// <summary>Starts a node on <paramref name="grpcPort"/> with <paramref name="args"/> added; returns once its banner is printed.</summary>
    public static async Task<NodeProcess> StartAsync(int grpcPort, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var node = NodeProcess.Start([.. args, "--urls", Grpc(grpcPort).ToString().TrimEnd('/')]);
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

    /// <summary>Everything the node printed so far: the console logger writes to standard output, a crash to standard error.</summary>
    public static string Log(NodeProcess node) => string.Join('\n', node.Output.Concat(node.Error));
}
