using Akka.Actor;
using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The reading end of a remote event feed: subscribes at the owner's gateway, hands events on, ends with the feed or the owner.</summary>
/// <remarks>Only the gateway's <see cref="FeedEnded"/> without a loss is a normal end (the session closed there); any other
/// stop (the owner stopped serving, became unreachable or left; this node's incarnation ended) completes the feed as lost,
/// with <c>lost</c> as the reason. The feed is reached only through a <see cref="FeedLink"/>, emptied when the actor stops.</remarks>
internal sealed class FeedActor : ReceiveActor
{
    private readonly IActorRef gateway;
    private readonly FeedLink link;
    private readonly string host;
    private readonly string feedId;
    private readonly string lost;
    private readonly CancellationTokenRegistration ownerLost;
    private bool ended;

    public FeedActor(IActorRef gateway, FeedLink link, string lost, CancellationToken ownerToken)
    {
        this.gateway = gateway;
        this.link = link;
        this.lost = lost;
        (host, feedId) = link.Subscribe is { } subscribe ? (subscribe.Host, subscribe.FeedId) : (string.Empty, string.Empty);
        var self = Self;
        ownerLost = ownerToken.Register(() => self.Tell(PoisonPill.Instance));
        Receive<FeedOpened>(_ => link.Opened());
        Receive<FeedEvent>(link.Publish);
        Receive<FeedEnded>(e =>
        {
            ended = e.Lost.Length == 0;
            Context.Stop(Self);
        });
    }

    public static Props Props(IActorRef gateway, FeedLink link, string lost, CancellationToken ownerToken) =>
        Akka.Actor.Props.Create(() => new FeedActor(gateway, link, lost, ownerToken));

    protected override void PreStart()
    {
        // A feed already ended (a restart after a failure) must not subscribe again.
        if (link.Subscribe is { } subscribe)
        {
            gateway.Tell(subscribe, Self);
        }
        else
        {
            Context.Stop(Self);
        }
    }

    protected override void PostStop()
    {
        ownerLost.Dispose();
        if (!link.Ended)
        {
            gateway.Tell(new Unsubscribe { Host = host, FeedId = feedId });
            link.End(ended ? null : lost);
        }
    }
}
