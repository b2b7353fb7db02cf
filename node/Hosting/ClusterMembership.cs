using HwbpCluster.Cluster;
using HwbpCluster.Node.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Starts cluster membership once the node serves gRPC (its address is a member's role), joins the seeds, and leaves on stop.</summary>
/// <remarks>
/// The first seed forms the cluster when no other seed answers; every other node asks the seeds for their cluster addresses
/// until one answers, then joins. A node refused by the cluster (a host name another member owns) stops with exit code 2.
/// </remarks>
internal sealed class ClusterMembership(
    NodeHosts hosts,
    IOptions<HwbpNodeOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    TimeProvider time,
    ILogger<ClusterMembership> logger) : IHostedService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var seeds = ListSyntax.ParseSeeds(options.Value.Seeds, out _);
        if (seeds.Count > 0)
        {
            lifetime.ApplicationStarted.Register(() => running = RunAsync(seeds, stopping.Token));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (hosts.Cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    private async Task RunAsync(IReadOnlyList<Uri> seeds, CancellationToken cancellationToken)
    {
        try
        {
            var self = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var cluster = ClusterNode.Start(Settings(self), hosts.Local, loggers, time);
            hosts.Cluster = cluster;
            if (!IsLoopback(cluster.ClusterAddress))
            {
                // Remoting is not authenticated yet: whatever configured it, a bound address beyond loopback stops the node.
                Refuse($"cluster traffic is bound to {cluster.ClusterAddress}, not loopback; cluster traffic is not authenticated yet");
                return;
            }

            _ = cluster.Refused.ContinueWith(refused => Refuse(refused.Result), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            var first = SeedResolver.IsSelf(seeds[0], self);
            var asking = SeedResolver.Asking(options.Value);
            var addresses = await SeedResolver.ResolveAsync(seeds, self, cluster.ClusterAddress, asking, cancellationToken);

            // Only the first seed may form the cluster: any other node waits until some other seed answers.
            while (!first && !addresses.Any(a => a != cluster.ClusterAddress))
            {
                // Wall-clock, like Akka's own retries: asking a seed that is not up yet is about the network, not the node's clock.
                await Task.Delay(RetryEvery, cancellationToken);
                addresses = await SeedResolver.ResolveAsync(seeds, self, cluster.ClusterAddress, asking, cancellationToken);
            }

            cluster.Join(first ? addresses : [.. addresses.Where(a => a != cluster.ClusterAddress)]);
            HostingLog.ClusterJoining(logger, cluster.ClusterAddress, string.Join(", ", addresses));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before it could join.
        }
    }

    private ClusterNodeOptions Settings(Uri self)
    {
        var o = options.Value;
        ClusterEndpoint.TryParse(o.ClusterUrls, out var endpoint, out _);
        return new ClusterNodeOptions
        {
            NodeName = o.NodeName,
            GrpcAddress = self.ToString().TrimEnd('/'),
            Labels = ListSyntax.ParseLabels(o.Labels, out _),
            Hostname = endpoint.Host,
            Port = endpoint.Port,
        };
    }

    private static bool IsLoopback(string akkaAddress) =>
        Uri.TryCreate(akkaAddress, UriKind.Absolute, out var uri) && ListenAddresses.IsLoopbackHost(uri.Host);

    private void Refuse(string reason)
    {
        HostingLog.ClusterRefused(logger, reason);
        Environment.ExitCode = 2;
        lifetime.StopApplication();
    }
}
