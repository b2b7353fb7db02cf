using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster;
using Akka.Remote.Transport.DotNetty;

namespace HwbpCluster.Cluster.Internal;

/// <summary>One life of this node in the cluster: an actor system with its gateway and membership watch, and what it sees.</summary>
/// <remarks>
/// Akka.Cluster cannot rejoin with a system that was downed, so each rejoin is a new incarnation (same port, new uid). The
/// hosts are not in this system: they outlive every incarnation.
/// </remarks>
internal sealed class Incarnation
{
    private readonly ConcurrentDictionary<Address, IActorRef> gateways = new();
    private volatile HostDirectory directory = HostDirectory.Empty;

    private Incarnation(ActorSystem system)
    {
        System = system;
        Cluster = Akka.Cluster.Cluster.Get(system);
    }

    /// <summary>Raised (on an actor thread) after every membership or reachability change this incarnation sees.</summary>
    public event Action<Incarnation>? Changed;

    public ActorSystem System { get; }

    public Akka.Cluster.Cluster Cluster { get; }

    /// <summary>The reader of every remote feed this incarnation subscribed to (<see cref="Internal.FeedReaders"/>).</summary>
    public IActorRef FeedReaders { get; private set; } = ActorRefs.Nobody;

    /// <summary>Single host calls to other nodes' gateways, coalesced and answered by id.</summary>
    public CallChannel Calls { get; private set; } = null!;

    /// <summary>Cancels calls in flight to members that become unreachable.</summary>
    public OwnerTokens Owners { get; } = new();

    /// <summary>Who owns which host, as of the last membership change.</summary>
    public HostDirectory Directory => directory;

    /// <summary>True once this incarnation is being stopped on purpose (not downed).</summary>
    public bool Stopping { get; private set; }

    /// <summary>Starts the system, its gateway (<paramref name="gateway"/>) and its membership watch; it joins nobody yet.</summary>
    /// <param name="options">The node's cluster options; with <see cref="ClusterNodeOptions.Tls"/>, remoting is mutual TLS.</param>
    /// <param name="port">The cluster port.</param>
    /// <param name="roles">What this member carries in its roles.</param>
    /// <param name="gateway">The gateway serving this node's hosts.</param>
    /// <param name="peers">Admits or refuses peers' certificates (with TLS).</param>
    public static Incarnation Start(ClusterNodeOptions options, int port, MemberRoles roles, Props gateway, PeerCertificates? peers)
    {
        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(MembershipConfig.Build(options, port, roles.ToRoles())));
        if (options.Tls is { } tls && peers is not null)
        {
            // Both sides present a certificate and check the other's: the transport asks peers.Admit on every handshake.
            setup = setup.And(new DotNettySslSetup(tls.Certificate, suppressValidation: false, requireMutualAuthentication: true,
                validateCertificateHostname: false, peers.Admit));
        }

        var system = ActorSystem.Create(MembershipConfig.SystemName, setup);
        var incarnation = new Incarnation(system);
        system.ActorOf(gateway, HostGateway.Name);
        incarnation.Calls = new CallChannel(system);
        incarnation.FeedReaders = system.ActorOf(Internal.FeedReaders.Props(), Internal.FeedReaders.Name);
        system.ActorOf(MembershipWatch.Props(incarnation.Cluster, incarnation), "membership-watch");
        return incarnation;
    }

    /// <summary>The gateway at <paramref name="address"/>, addressed by path: one hop, no selection to resolve at the receiver.</summary>
    public IActorRef GatewayAt(Address address) => gateways.GetOrAdd(address,
        a => ((ExtendedActorSystem)System).Provider.ResolveActorRef(new RootActorPath(a) / "user" / HostGateway.Name));

    /// <summary>Whether this incarnation's failure detector reaches <paramref name="member"/>.</summary>
    public bool Reaches(Member member) =>
        member.UniqueAddress == Cluster.SelfUniqueAddress || (IsMember(member) && !Cluster.State.Unreachable.Contains(member));

    /// <summary>
    /// Whether <paramref name="member"/> (this very incarnation of it) is still in the cluster: one downed or removed since is
    /// gone with its process, nothing there answers, and nothing marks it unreachable any more.
    /// </summary>
    public bool IsMember(Member member) =>
        Cluster.State.Members.Any(m => m.UniqueAddress == member.UniqueAddress && m.Status is not (MemberStatus.Down or MemberStatus.Removed));

    /// <summary>Sets the directory from <paramref name="members"/>.</summary>
    public void Rebuild(IEnumerable<Member> members)
    {
        directory = HostDirectory.From(members);
        OnChanged();
    }

    public void OnChanged() => Changed?.Invoke(this);

    /// <summary>Leaves the cluster gracefully and stops the system.</summary>
    public async Task StopAsync()
    {
        Stopping = true;
        Owners.LoseAll();
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
    }
}
