using System.Threading.Channels;
using Grpc.Core;
using HwbpCluster.Hosts;

namespace HwbpCluster.Node.Services;

/// <summary>Merges the event feeds of several hosts onto one response stream until the session ends or the client goes away.</summary>
/// <remarks>
/// Each host's feed is its own bounded buffer that drops (and counts) when the stream falls behind, so a slow client backs up only
/// into the merge, never into a host. Hosts complete the feeds when the session closes, after its last events; the node completes
/// them itself (through <c>ended</c>) only when it stops or a host failed to close. What they still hold is delivered first.
/// A feed that ends lost (its host's node went away) ends the whole merge the same way: the caller then names the lost hosts.
/// </remarks>
internal static class EventPump
{
    /// <summary>Streams every event that passes <paramref name="filter"/>; returns how many were delivered.</summary>
    public static async Task<long> RunAsync<TEvent, TWire>(
        IReadOnlyList<EventSubscription<TEvent>> feeds,
        Func<TEvent, bool> filter,
        Func<TEvent, TWire> toWire,
        IServerStreamWriter<TWire> writer,
        CancellationToken ended,
        CancellationToken cancellationToken)
    {
        void EndAll()
        {
            foreach (var feed in feeds)
            {
                feed.Complete();
            }
        }

        using var onEnd = ended.Register(EndAll);

        var merged = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(1) { SingleReader = true });
        var pumps = feeds.Select(async feed =>
        {
            await PumpAsync(feed, merged.Writer, cancellationToken);
            if (feed.Lost is not null)
            {
                EndAll();
            }
        }).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(
            t => merged.Writer.TryComplete(t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        long delivered = 0;
        await foreach (var item in merged.Reader.ReadAllAsync(cancellationToken))
        {
            if (filter(item))
            {
                await writer.WriteAsync(toWire(item), cancellationToken);
                delivered++;
            }
        }

        return delivered;
    }

    private static async Task PumpAsync<TEvent>(
        EventSubscription<TEvent> feed, ChannelWriter<TEvent> merged, CancellationToken cancellationToken)
    {
        await foreach (var item in feed.ReadAllAsync(cancellationToken))
        {
            await merged.WriteAsync(item, cancellationToken);
        }
    }
}
