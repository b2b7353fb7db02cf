using System.Net;
using System.Net.Sockets;
using HwbpCluster.Cluster.Internal;
using HwbpCluster.Hosts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HwbpCluster.Cluster;

/// <summary>This node in the cluster: membership on Akka.Cluster, its hosts served to other nodes, and theirs served here.</summary>
/// <remarks>
/// <para>Membership runs in its own actor system, an incarnation; when the cluster downs this node, the incarnation stops and a
/// new one (same port, new uid) rejoins by itself. The hosts are not part of it: they, their reservations and this node's
/// sessions outlive every incarnation.</para>
/// <para>Every other node's host is reachable through <see cref="TryResolve"/> as an <see cref="IHwbpHost"/> whose calls go to
/// the owner's gateway; a call to a node this one does not reach fails at once with <see cref="HostError.Unreachable"/>.</para>
/// </remarks>
public sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly ClusterNodeOptions options;
    private readonly IReadOnlyDictionary<string, IHwbpHost> local;
    private readonly MemberRoles roles;
    private readonly RemoteLeases leases;
    private readonly GatewayFeeds feeds = new();
    private readonly ClusterCalls calls;
    private readonly ILogger logger;
    private readonly PeerCertificates? peers;
    private readonly TaskCompletionSource<string> refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private volatile Incarnation current;
    private IReadOnlyList<string> seeds = [];
    private Func<CancellationToken, Task<IReadOnlyList<string>>>? resolveSeeds;
    private TaskCompletionSource up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int incarnations;

    private ClusterNode(ClusterNodeOptions options, IReadOnlyList<IHwbpHost> localHosts, ILoggerFactory loggers, TimeProvider time)
    {
        this.options = options;
        local = localHosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        roles = new MemberRoles(options.NodeName, options.GrpcAddress, [.. localHosts.Select(h => h.Description)], options.Labels);
        logger = loggers.CreateLogger("HwbpCluster.Cluster");
        peers = options.Tls is { } tls ? new PeerCertificates(tls.Authority, logger) : null;
        leases = new RemoteLeases(local, options.LeaseSweep, time, logger);
        calls = new ClusterCalls(() => current!, new OriginSessions(), options.CallTimeout);
        Port = options.Port != 0 ? options.Port : FreePort(options.Hostname);
        current = StartIncarnation();
    }

    /// <summary>This node's name.</summary>
    public string NodeName => options.NodeName;

    /// <summary>The cluster port, kept by every incarnation.</summary>
    public int Port { get; }

    /// <summary>This node's Akka address, e.g. <c>akka.tcp://hwbp@127.0.0.1:4053</c>: what other nodes join through.</summary>
    public string ClusterAddress => current.Cluster.SelfAddress.ToString() ?? string.Empty;

    /// <summary>How many incarnations this node has had (1 until it is first downed).</summary>
    public int Incarnations => Volatile.Read(ref incarnations);

    /// <summary>Completes with the reason when the cluster refused this node (a host name another member already owns).</summary>
    public Task<string> Refused => refused.Task;

    /// <summary>How many other nodes' sessions hold a lease on this node's hosts.</summary>
    public int RemoteSessionCount => leases.Count;

    /// <summary>How many event feeds this node's hosts pump to watches on other nodes (registered ones; see <see cref="RemoteFeedPumps"/>).</summary>
    public int RemoteFeedCount => feeds.Count;

    /// <summary>How many of those feeds' pumps still run, including any not yet registered or already unregistered.</summary>
    public int RemoteFeedPumps => feeds.Pumping;

    /// <summary>Starts membership (not yet joined) for <paramref name="localHosts"/>, which stay the caller's to dispose.</summary>
    public static ClusterNode Start(ClusterNodeOptions options, IReadOnlyList<IHwbpHost> localHosts, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(localHosts);
        return new ClusterNode(options, localHosts, loggers ?? NullLoggerFactory.Instance, time ?? TimeProvider.System);
    }

    /// <summary>Joins the cluster through <paramref name="seedAddresses"/> (Akka addresses; this node's own may be among them).</summary>
    /// <param name="seedAddresses">The seeds' cluster addresses as known now.</param>
    /// <param name="resolveSeeds">
    /// Asks the seeds for their cluster addresses again, for a rejoin after this node is downed: a seed restarted since listens
    /// on another port, and one that did not answer at start is missing from <paramref name="seedAddresses"/>. A rejoin waits
    /// until another seed answers. Null (e.g. this node is the only seed): rejoin through <paramref name="seedAddresses"/>.
    /// </param>
    /// <param name="askSeeds">
    /// Asks the seeds how they see their cluster, every <see cref="ClusterNodeOptions.IslandCheck"/>: when a healed split left
    /// two clusters, this node gives way to the one that stays and rejoins it. Null: no such check.
    /// </param>
    /// <remarks>The first seed forms the cluster when no other seed answers within 5 s; every other node keeps trying.</remarks>
    public void Join(
        IReadOnlyList<string> seedAddresses,
        Func<CancellationToken, Task<IReadOnlyList<string>>>? resolveSeeds = null,
        Func<CancellationToken, Task<IReadOnlyList<SeedView>>>? askSeeds = null)
    {
        seeds = seedAddresses;
        this.resolveSeeds = resolveSeeds;
        current.Cluster.JoinSeedNodes(seedAddresses.Select(Akka.Actor.Address.Parse));
        if (askSeeds is not null)
        {
            _ = WatchIslandsAsync(askSeeds, stopping.Token);
        }
    }

    /// <summary>Completes when this node's current incarnation is Up.</summary>
    public Task WhenUpAsync(CancellationToken cancellationToken = default) => up.Task.WaitAsync(cancellationToken);

    /// <summary>Leaves the cluster gracefully and stops membership (the local hosts are not disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await current.StopAsync();
        await leases.DisposeAsync();
    }

    /// <summary>Stops membership the way a crash does: no leave, no goodbye; the others must detect it.</summary>
    internal void Crash()
    {
        stopping.Cancel();
        ((Akka.Actor.ExtendedActorSystem)current.System).Abort();
    }

    /// <summary>The current incarnation, for tests that act on Akka directly.</summary>
    internal Akka.Cluster.Cluster AkkaCluster => current.Cluster;

    private Incarnation StartIncarnation()
    {
        var incarnation = Incarnation.Start(options, Port, roles, HostGateway.Props(local, leases, feeds, options.LeaseGrace), peers);
        Interlocked.Increment(ref incarnations);
        incarnation.Changed += OnChanged;
        incarnation.Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        _ = incarnation.System.WhenTerminated.ContinueWith(_ => OnTerminatedAsync(incarnation), TaskScheduler.Default).Unwrap();
        ClusterLog.Incarnated(logger, options.NodeName, incarnation.Cluster.SelfUniqueAddress.Uid, incarnation.Cluster.SelfAddress.ToString());
        return incarnation;
    }

    // Downed (not stopped by us): the hosts and sessions carry on; membership comes back as a new incarnation.
    private async Task OnTerminatedAsync(Incarnation ended)
    {
        if (ended.Stopping || stopping.IsCancellationRequested || refused.Task.IsCompleted)
        {
            return;
        }

        ended.Owners.LoseAll();
        up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ClusterLog.Downed(logger, options.RejoinDelay);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.RejoinDelay, stopping.Token);
                current = StartIncarnation();

                // Rejoin through the others only: forming a cluster alone here would split it while the link is still cut. Having
                // given way to another cluster, through that one.
                var self = current.Cluster.SelfAddress;
                var others = Interlocked.Exchange(ref rejoinThrough, null) is { } through
                    ? [.. through.Select(Akka.Actor.Address.Parse).Where(a => a != self)]
                    : await OtherSeedsAsync(self);
                current.Cluster.JoinSeedNodes(others.Count > 0 ? others : [self]);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ClusterLog.IncarnationFailed(logger, ex);
            }
        }
    }

    // The other seeds' addresses as they answer now, asked again until one does; without a resolver, the known ones (empty when
    // this node is its cluster's one seed).
    private async Task<IReadOnlyList<Akka.Actor.Address>> OtherSeedsAsync(Akka.Actor.Address self)
    {
        if (resolveSeeds is null)
        {
            return [.. seeds.Select(Akka.Actor.Address.Parse).Where(a => a != self)];
        }

        while (true)
        {
            var now = (await resolveSeeds(stopping.Token)).Select(Akka.Actor.Address.Parse).Where(a => a != self).ToList();
            if (now.Count > 0)
            {
                return now;
            }

            await Task.Delay(options.RejoinDelay, stopping.Token);
        }
    }

    private void OnChanged(Incarnation incarnation)
    {
        var self = incarnation.Cluster.SelfUniqueAddress;
        var taken = incarnation.Directory.Conflicts.FirstOrDefault(c => c.Claimant.UniqueAddress == self);
        if (taken.Host is not null && IsPredecessor(incarnation.Directory, taken.Owner))
        {
            // This node's own process before a kill -9 and restart, not yet removed: it serves nothing any more (this process
            // holds its gRPC address now), so down it and take the hosts over, as Akka does itself for a restart on the same
            // cluster address. A cluster port chosen afresh at each start makes the address differ.
            ClusterLog.ReplacingPredecessor(logger, taken.Owner.Address.ToString());
            incarnation.Cluster.Down(taken.Owner.Address);
            return;
        }

        if (taken.Host is null || !refused.TrySetResult(
            $"host name '{taken.Host}' is already owned by node at {taken.Owner.Address}: host names must be unique in the cluster"))
        {
            return;
        }

        ClusterLog.Refused(logger, refused.Task.Result);
        incarnation.Cluster.Leave(incarnation.Cluster.SelfAddress);
    }

    // The same node name serving on the same gRPC address: only one process can listen there, and this one does.
    private bool IsPredecessor(HostDirectory directory, Akka.Cluster.Member owner) =>
        directory.Members.Any(m => m.Member.UniqueAddress == owner.UniqueAddress
            && m.Roles.Node == options.NodeName && m.Roles.GrpcAddress == roles.GrpcAddress);

    private static int FreePort(string hostname)
    {
        using var probe = new TcpListener(IPAddress.TryParse(hostname, out var ip) ? ip : IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
