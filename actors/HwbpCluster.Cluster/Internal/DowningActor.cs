using Akka.Actor;
using Akka.Cluster;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Applies <see cref="DowningRule"/> once reachability has been stable for stable-after; only this side's leader acts.</summary>
internal sealed class DowningActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly Akka.Cluster.Cluster cluster;
    private readonly TimeSpan stableAfter;
    private DateTime stableSince = DateTime.UtcNow;

    public DowningActor(Akka.Cluster.Cluster cluster, TimeSpan stableAfter)
    {
        this.cluster = cluster;
        this.stableAfter = stableAfter;
        Receive<ClusterEvent.IMemberEvent>(_ => stableSince = DateTime.UtcNow);
        Receive<ClusterEvent.IReachabilityEvent>(_ => stableSince = DateTime.UtcNow);
        Receive<ClusterEvent.CurrentClusterState>(_ => stableSince = DateTime.UtcNow);
        Receive<TickMessage>(_ => OnTick());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer("tick", TickMessage.Instance, Tick);
    }

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void OnTick()
    {
        var state = cluster.State;
        if (DateTime.UtcNow - stableSince < stableAfter || state.Unreachable.IsEmpty || state.Leader != cluster.SelfAddress)
        {
            return;
        }

        var counted = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
        var unreachable = counted.Where(state.Unreachable.Contains).ToList();
        var reachable = counted.Except(unreachable).ToList();
        var lowest = counted.Select(m => m.Address).OrderBy(a => a, Member.AddressOrdering).FirstOrDefault();
        var decision = DowningRule.Decide(reachable.Count, unreachable.Count, reachable.Any(m => m.Address == lowest));
        var victims = decision switch
        {
            DowningDecision.DownUnreachable => state.Unreachable.ToList(),
            DowningDecision.DownThisSide => reachable,
            _ => [],
        };
        foreach (var member in victims)
        {
            cluster.Down(member.Address);
        }

        stableSince = DateTime.UtcNow;
    }

    private sealed class TickMessage
    {
        public static readonly TickMessage Instance = new();
    }
}
