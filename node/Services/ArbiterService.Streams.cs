using System.Globalization;
using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Services;

/// <summary>WatchHits and WatchReservations: live feeds of the session's events on every host, ending with the session.</summary>
internal sealed partial class ArbiterService
{
    /// <summary>The trailer that tells a client how many events its stream missed: it read too slowly, or (hits on a real
    /// host) the kernel or the host's reader lost them first.</summary>
    public const string DroppedTrailer = "hwbp-dropped";

    // How long a watch waits for other nodes to subscribe its feeds before it answers anyway.
    private static readonly TimeSpan SubscribeBound = TimeSpan.FromSeconds(5);

    /// <summary>The trailer of a stream that ended UNAVAILABLE because hosts were lost: their names, comma-separated.</summary>
    public const string LostHostsTrailer = "hwbp-lost-hosts";

    public override async Task WatchHits(WatchHitsRequest request, IServerStreamWriter<HitEvent> responseStream, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var wanted = request.ReservationIds.Select((id, i) => ReservationIds.Parse(id, $"reservation_ids[{i}]")).ToHashSet();
        var targets = wanted.Count == 0 ? hosts.All : wanted.Select(w => w.Host).Distinct().Select(h => hosts.Resolve(h, "reservation_ids")).ToArray();
        var capacity = options.Value.WatchBufferCapacity;
        var feeds = targets.Select(h => (h.Name, h.WatchHits(session.Id, capacity))).ToArray();
        await StreamAsync(feeds, hit => wanted.Count == 0 || wanted.Contains((hit.Host, hit.ReservationId)), ToWire.Hit, responseStream, context,
            "WatchHits", session.Id, session.EndedToken, countHits: true);
    }

    public override async Task WatchReservations(
        WatchReservationsRequest request, IServerStreamWriter<Protos.V1.ReservationEvent> responseStream, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var capacity = options.Value.WatchBufferCapacity;
        var feeds = hosts.All.Select(h => (h.Name, h.WatchReservations(session.Id, capacity))).ToArray();
        await StreamAsync(
            feeds, _ => true, ToWire.Event, responseStream, context, "WatchReservations", session.Id, session.EndedToken, countHits: false);
    }

    private async Task StreamAsync<TEvent, TWire>(
        (string Host, EventSubscription<TEvent> Feed)[] watched,
        Func<TEvent, bool> filter,
        Func<TEvent, TWire> toWire,
        IServerStreamWriter<TWire> writer,
        ServerCallContext context,
        string stream,
        string sessionId,
        CancellationToken sessionEnded,
        bool countHits)
    {
        long delivered = 0;
        var feeds = watched.Select(w => w.Feed).ToArray();

        // A stopping node ends its watches like a closed session, so shutdown does not wait for idle streams.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(sessionEnded, lifetime.ApplicationStopping);
        try
        {
            // Headers go out once every feed is subscribed at its host (other nodes' hosts answer when they are), so a client
            // that waits for them misses nothing that happens after; a node slow to answer does not hold the watch back for long.
            await Task.WhenAll(feeds.Select(f => f.Ready)).WaitAsync(SubscribeBound, context.CancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await context.WriteResponseHeadersAsync([]);
            delivered = await EventPump.RunAsync(feeds, filter, toWire, writer, ended.Token, context.CancellationToken);
            if (!ended.IsCancellationRequested && Lost(watched) is { Count: > 0 } lost)
            {
                // A node went away: the client must know which hosts' events stopped, rather than take the end for its session's.
                context.ResponseTrailers.Add(LostHostsTrailer, string.Join(",", lost.Select(l => l.Host)));
                throw new RpcException(new Status(StatusCode.Unavailable, $"{stream} ended: lost {string.Join("; ", lost.Select(l => l.Why))}"));
            }
        }
        finally
        {
            var dropped = feeds.Sum(f => f.Dropped);
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync();
            }

            if (countHits)
            {
                metrics.HitsDelivered(delivered);
            }

            if (dropped > 0)
            {
                metrics.Dropped(stream, dropped);
                ServiceLog.EventsDropped(logger, stream, sessionId, dropped, delivered);
            }

            context.ResponseTrailers.Add(DroppedTrailer, dropped.ToString(CultureInfo.InvariantCulture));
        }
    }

    // Hosts whose feed ended lost, and any other watched host the cluster no longer reaches (its feed may have been ended by
    // the first loss before its own came in).
    private List<(string Host, string Why)> Lost<TEvent>((string Host, EventSubscription<TEvent> Feed)[] watched)
    {
        var unreachable = hosts.Cluster?.Hosts().Where(h => !h.Reachable).ToDictionary(h => h.Host.Name, h => h.Node) ?? [];
        var lost = new List<(string, string)>();
        foreach (var (host, feed) in watched)
        {
            if (feed.Lost is { } why)
            {
                lost.Add((host, why));
            }
            else if (unreachable.TryGetValue(host, out var node))
            {
                lost.Add((host, $"host '{host}' on node '{node}' was lost: this node does not reach it"));
            }
        }

        return lost;
    }
}
