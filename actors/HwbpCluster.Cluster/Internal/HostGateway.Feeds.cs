using Akka.Actor;
using HwbpCluster.Cluster.Wire;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Event feeds for subscribers on other nodes: one pump per feed, from the local host's bounded subscription to the subscriber.</summary>
internal sealed partial class HostGateway
{
    /// <summary>Events a remote feed buffers on the owning node before it drops (and counts) them.</summary>
    private const int FeedCapacity = 1024;

    private volatile string? stopping;

    protected override void PostStop()
    {
        stopping = "the owning node stopped serving its hosts (it is leaving or its membership ended)";

        // A new incarnation's subscribers start new feeds; these ones' readers are gone with this incarnation.
        foreach (var feed in feeds.TakeAll())
        {
            _ = feed.DisposeAsync();
        }
    }

    private void ReceiveFeeds()
    {
        Receive<Subscribe>(subscribe => _ = OpenAsync(subscribe, Sender));
        Receive<Unsubscribe>(close =>
        {
            if (feeds.TryRemove(close.FeedId, out var feed))
            {
                _ = feed.DisposeAsync();
            }
        });
    }

    private async Task OpenAsync(Subscribe subscribe, IActorRef subscriber)
    {
        feeds.PumpStarted();
        try
        {
            await OpenCoreAsync(subscribe, subscriber);
        }
        finally
        {
            feeds.PumpEnded();
        }
    }

    private async Task OpenCoreAsync(Subscribe subscribe, IActorRef subscriber)
    {
        if (!hosts.TryGetValue(subscribe.Host, out var host) || subscribe.Session is null)
        {
            subscriber.Tell(new FeedEnded { FeedId = subscribe.FeedId });
            return;
        }

        // The session must be known to the host before it watches, or the host ends the feed at once.
        await leases.TouchAsync(host, Codec.FromWire(subscribe.Session), Lease(subscribe.Session.LeaseMs), CancellationToken.None);
        var id = subscribe.FeedId;
        if (subscribe.Hits)
        {
            var feed = host.WatchHits(subscribe.Session.Id, FeedCapacity);
            feeds.Add(id, feed);
            subscriber.Tell(new FeedOpened { FeedId = id });
            await PumpAsync(feed, hit => new FeedEvent { FeedId = id, Hit = Codec.ToWire(hit) }, id, subscriber);
        }
        else
        {
            var feed = host.WatchReservations(subscribe.Session.Id, FeedCapacity);
            feeds.Add(id, feed);
            subscriber.Tell(new FeedOpened { FeedId = id });
            await PumpAsync(feed, change => new FeedEvent { FeedId = id, Change = Codec.ToWire(change) }, id, subscriber);
        }
    }

    private async Task PumpAsync<T>(EventSubscription<T> feed, Func<T, FeedEvent> toWire, string feedId, IActorRef subscriber)
    {
        await foreach (var item in feed.ReadAllAsync())
        {
            subscriber.Tell(toWire(item));
        }

        feeds.TryRemove(feedId, out _);
        subscriber.Tell(new FeedEnded { FeedId = feedId, Dropped = feed.Dropped, Lost = stopping ?? string.Empty });
    }
}
