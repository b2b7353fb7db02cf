using Akka.Actor;
using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The reading end of a remote event feed: subscribes at the owner's gateway, hands events on, ends with the feed or the owner.</summary>
internal sealed class FeedActor : ReceiveActor
{
    private readonly IActorRef gateway;
    private readonly Subscribe subscribe;
    private readonly Action complete;
    private readonly CancellationTokenRegistration ownerLost;

    public FeedActor(IActorRef gateway, Subscribe subscribe, Action<FeedEvent> publish, Action complete, CancellationToken ownerToken)
    {
        this.gateway = gateway;
        this.subscribe = subscribe;
        this.complete = complete;
        var self = Self;
        ownerLost = ownerToken.Register(() => self.Tell(PoisonPill.Instance));
        Receive<FeedEvent>(publish);
        Receive<FeedEnded>(_ => Context.Stop(Self));
    }

    public static Props Props(IActorRef gateway, Subscribe subscribe, Action<FeedEvent> publish, Action complete, CancellationToken ownerToken) =>
        Akka.Actor.Props.Create(() => new FeedActor(gateway, subscribe, publish, complete, ownerToken));

    protected override void PreStart() => gateway.Tell(subscribe, Self);

    protected override void PostStop()
    {
        ownerLost.Dispose();
        gateway.Tell(new Unsubscribe { Host = subscribe.Host, FeedId = subscribe.FeedId });
        complete();
    }
}
