using System.Collections.Concurrent;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The feeds this node's gateway pumps to subscribers on other nodes, by feed id: what a leak check counts.</summary>
/// <remarks>Owned by the node, not by one gateway incarnation, so that a count read between incarnations is still true.</remarks>
internal sealed class GatewayFeeds
{
    private readonly ConcurrentDictionary<string, IAsyncDisposable> open = new(StringComparer.Ordinal);
    private int pumping;

    /// <summary>Feeds registered and not yet ended or unsubscribed.</summary>
    public int Count => open.Count;

    /// <summary>Pumps still running (each holds its host subscription and its subscriber's reference).</summary>
    public int Pumping => Volatile.Read(ref pumping);

    public void Add(string feedId, IAsyncDisposable feed) => open[feedId] = feed;

    public bool TryRemove(string feedId, out IAsyncDisposable feed) => open.TryRemove(feedId, out feed!);

    public void PumpStarted() => Interlocked.Increment(ref pumping);

    public void PumpEnded() => Interlocked.Decrement(ref pumping);

    /// <summary>Removes and returns every open feed.</summary>
    public IReadOnlyList<IAsyncDisposable> TakeAll()
    {
        var all = new List<IAsyncDisposable>();
        foreach (var id in open.Keys)
        {
            if (open.TryRemove(id, out var feed))
            {
                all.Add(feed);
            }
        }

        return all;
    }
}
