using HwbpCluster.Cluster;
using HwbpCluster.Node.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Starts cluster membership once the node serves gRPC (its address is a member's role), joins the seeds, and leaves on stop.</summary>
/// <remarks>
/// The first seed forms the cluster when no other seed answers; every other node asks the seeds for their cluster addresses
/// until one answers, then joins. A node refused by the cluster (a host name another member owns) stops with exit code 2, as
/// does one whose seeds differ from it in cluster TLS. With <c>--cluster-tls-cert</c> and <c>--cluster-tls-ca</c>, cluster
/// traffic is mutual TLS and may listen beyond loopback.
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
            var settings = Settings(self);
            var cluster = ClusterNode.Start(settings, hosts.Local, loggers, time);
            hosts.Cluster = cluster;
            if (settings.Tls is null && !IsLoopback(cluster.ClusterAddress))
            {
                // Without TLS remoting is not authenticated: whatever configured it, a bound address beyond loopback stops the node.
                Refuse($"cluster traffic is bound to {cluster.ClusterAddress}, not loopback, and is not authenticated " +
                    "without --cluster-tls-cert and --cluster-tls-ca");
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

            // A seed that speaks cluster TLS when this node does not (or the reverse) can never be reached: say so, once.
            if (addresses.FirstOrDefault(a => Scheme(a) != Scheme(cluster.ClusterAddress)) is { } mismatch)
            {
                Refuse($"seed cluster address {mismatch} and this node's {cluster.ClusterAddress} differ in TLS: " +
                    "every node needs --cluster-tls-cert and --cluster-tls-ca, or none does");
                return;
            }

            var othersConfigured = seeds.Any(s => !SeedResolver.IsSelf(s, self));
            cluster.Join(first ? addresses : [.. addresses.Where(a => a != cluster.ClusterAddress)],
                othersConfigured ? ct => SeedResolver.ResolveAsync(seeds, self, cluster.ClusterAddress, asking, ct) : null,
                othersConfigured ? ct => SeedResolver.ViewsAsync(seeds, self, asking, ct) : null);
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
            Tls = ClusterCertificates.Load(o),
        };
    }

    private static string Scheme(string akkaAddress) => akkaAddress.Split("://", 2)[0];

    private static bool IsLoopback(string akkaAddress) =>
        Uri.TryCreate(akkaAddress, UriKind.Absolute, out var uri) && ListenAddresses.IsLoopbackHost(uri.Host);

    private void Refuse(string reason)
    {
        HostingLog.ClusterRefused(logger, reason);
        Environment.ExitCode = 2;
        lifetime.StopApplication();
    }
}
