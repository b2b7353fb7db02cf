using System.Threading.Channels;
using Grpc.Core;
using HwbpCluster.Hosts;

namespace HwbpCluster.Node.Services;

/// <summary>Merges the event feeds of several hosts onto one response stream until the session ends or the client goes away.</summary>
/// <remarks>
/// Each host's feed is its own bounded buffer that drops (and counts) when the stream falls behind, so a slow client backs up only
/// into the merge (or the one feed, written straight out without a merge), never into a host. Hosts complete the feeds when the session closes, after its last events; the node completes
/// them itself (through <c>ended</c>) only when it stops or a host failed to close. What they still hold is delivered first.
/// A feed that ends lost (its host's node went away) ends the whole merge the same way: the caller then names the lost hosts.
/// </remarks>
internal static class EventPump
{
    // A burst of events goes out as buffered writes with one flush after the last, not one flush each (BufferHint).
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    // Events merged from every feed and not yet written; the feeds' own buffers are the ones that drop.
    private const int MergeCapacity = 256;

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
        if (feeds.Count == 1)
        {
            // One host (a node of one real machine): its feed is written straight out, without a merge to hop through.
            return await WriteAsync(feeds[0].Reader, filter, toWire, writer, cancellationToken);
        }

        var merged = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(MergeCapacity) { SingleReader = true });
        var pumps = feeds.Select(async feed =>
        {
            await PumpAsync(feed, filter, merged.Writer, cancellationToken);
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

        return await WriteAsync(merged.Reader, _ => true, toWire, writer, cancellationToken);
    }

    private static async Task<long> WriteAsync<TEvent, TWire>(
        ChannelReader<TEvent> events,
        Func<TEvent, bool> filter,
        Func<TEvent, TWire> toWire,
        IServerStreamWriter<TWire> writer,
        CancellationToken cancellationToken)
    {
        long delivered = 0;
        while (await events.WaitToReadAsync(cancellationToken))
        {
            while (events.TryRead(out var item))
            {
                if (filter(item))
                {
                    // Buffered only while the next event is already waiting and passes the filter: that one is written next, so
                    // the last written event of a burst flushes.
                    writer.WriteOptions = events.TryPeek(out var next) && filter(next) ? Buffered : null;
                    await writer.WriteAsync(toWire(item), cancellationToken);
                    delivered++;
                }
            }
        }

        return delivered;
    }

    private static async Task PumpAsync<TEvent>(
        EventSubscription<TEvent> feed, Func<TEvent, bool> filter, ChannelWriter<TEvent> merged, CancellationToken cancellationToken)
    {
        await foreach (var item in feed.ReadAllAsync(cancellationToken))
        {
            if (filter(item))
            {
                await merged.WriteAsync(item, cancellationToken);
            }
        }
    }
}
