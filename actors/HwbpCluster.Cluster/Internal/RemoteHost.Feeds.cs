using HwbpCluster.Cluster.Wire;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Watches on another node's host: this incarnation's <see cref="FeedReaders"/> receives the owner's events into a local bounded feed.</summary>
internal sealed partial class RemoteHost
{
    public EventSubscription<HitRecord> WatchHits(string sessionId, int capacity) =>
        Watch<HitRecord>(sessionId, capacity, hits: true, (feed, e) => feed.Publish(Codec.FromWire(e.Hit)));

    public EventSubscription<ReservationEvent> WatchReservations(string sessionId, int capacity) =>
        Watch<ReservationEvent>(sessionId, capacity, hits: false, (feed, e) => feed.Publish(Codec.FromWire(e.Change)));

    private EventSubscription<T> Watch<T>(string sessionId, int capacity, bool hits, Action<EventSubscription<T>, FeedEvent> publish)
    {
        var incarnation = calls.Current;
        var origin = Origin(sessionId);
        var feedId = Guid.NewGuid().ToString("N");
        var readers = incarnation.FeedReaders;
        var feed = EventSubscription<T>.Pending(capacity, _ => readers.Tell(new FeedReaders.Close(feedId), Akka.Actor.ActorRefs.NoSender));
        var lost = $"host '{Name}' on node '{owner.Node}' was lost: that node left or this node does not reach it";
        if (!incarnation.Reaches(owner.Member))
        {
            feed.Lose(lost);
            return feed;
        }

        origin.Present[Name] = owner;
        var subscribe = new Subscribe { Host = Name, Session = origin.ToWire(), Hits = hits, FeedId = feedId };
        readers.Tell(new FeedReaders.Open(
            ClusterCalls.Gateway(incarnation, owner), subscribe, feed.MarkReady, e => publish(feed, e), why => End(feed, why), lost,
            incarnation.Owners.For(owner.Member.Address)), Akka.Actor.ActorRefs.NoSender);

        // An incarnation that ended meanwhile has no reader left to end the feed.
        if (incarnation.System.WhenTerminated.IsCompleted)
        {
            feed.Lose(lost);
        }

        return feed;
    }

    private static void End<T>(EventSubscription<T> feed, string? lost)
    {
        if (lost is null)
        {
            feed.Complete();
        }
        else
        {
            feed.Lose(lost);
        }
    }
}
