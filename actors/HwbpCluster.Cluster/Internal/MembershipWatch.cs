using Akka.Actor;
using Akka.Cluster;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Follows membership: rebuilds the host directory on every change and cancels calls to members that become unreachable.</summary>
internal sealed class MembershipWatch : ReceiveActor
{
    private readonly Akka.Cluster.Cluster cluster;
    private readonly Incarnation incarnation;
    private readonly Dictionary<UniqueAddress, Member> members = [];

    public MembershipWatch(Akka.Cluster.Cluster cluster, Incarnation incarnation)
    {
        this.cluster = cluster;
        this.incarnation = incarnation;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members)
            {
                members[member.UniqueAddress] = member;
            }

            Rebuild();
        });
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            incarnation.Owners.Lost(e.Member.Address);
            incarnation.OnChanged();
        });
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            incarnation.Owners.Lost(e.Member.Address);
            members.Remove(e.Member.UniqueAddress);
            Rebuild();
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            members[e.Member.UniqueAddress] = e.Member;
            Rebuild();
        });
        Receive<ClusterEvent.IReachabilityEvent>(_ => incarnation.OnChanged());
    }

    public static Props Props(Akka.Cluster.Cluster cluster, Incarnation incarnation) =>
        Akka.Actor.Props.Create(() => new MembershipWatch(cluster, incarnation));

    protected override void PreStart() => cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
        typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => cluster.Unsubscribe(Self);

    // Kept from the events themselves: the read view (cluster.State) may lag them by a moment.
    private void Rebuild() => incarnation.Rebuild(members.Values);
}
