using Akka.Actor;
using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The reading end of a remote event feed: subscribes at the owner's gateway, hands events on, ends with the feed or the owner.</summary>
/// <remarks>Only the gateway's <see cref="FeedEnded"/> without a loss is a normal end (the session closed there); any other
/// stop (the owner stopped serving, became unreachable or left; this node's incarnation ended) completes the feed as lost,
/// with <c>lost</c> as the reason.</remarks>
internal sealed class FeedActor : ReceiveActor
{
    private readonly IActorRef gateway;
    private readonly Subscribe subscribe;
    private readonly Action<string?> complete;
    private readonly string lost;
    private readonly CancellationTokenRegistration ownerLost;
    private bool ended;

    public FeedActor(
        IActorRef gateway, Subscribe subscribe, Action opened, Action<FeedEvent> publish, Action<string?> complete, string lost, CancellationToken ownerToken)
    {
        this.gateway = gateway;
        this.subscribe = subscribe;
        this.complete = complete;
        this.lost = lost;
        var self = Self;
        ownerLost = ownerToken.Register(() => self.Tell(PoisonPill.Instance));
        Receive<FeedOpened>(_ => opened());
        Receive<FeedEvent>(publish);
        Receive<FeedEnded>(e =>
        {
            ended = e.Lost.Length == 0;
            Context.Stop(Self);
        });
    }

    public static Props Props(
        IActorRef gateway, Subscribe subscribe, Action opened, Action<FeedEvent> publish, Action<string?> complete, string lost, CancellationToken ownerToken) =>
        Akka.Actor.Props.Create(() => new FeedActor(gateway, subscribe, opened, publish, complete, lost, ownerToken));

    protected override void PreStart() => gateway.Tell(subscribe, Self);

    protected override void PostStop()
    {
        ownerLost.Dispose();
        gateway.Tell(new Unsubscribe { Host = subscribe.Host, FeedId = subscribe.FeedId });
        complete(ended ? null : lost);
    }
}
