namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>One session's hit feeds: changed on the host actor's turn, published to from any CPU actor's.</summary>
/// <remarks>Publishers read an immutable array (swapped under the lock), so a hit never waits for a watch to attach.</remarks>
internal sealed class SessionHits
{
    private readonly Lock _gate = new();
    private EventSubscription<HitRecord>[] _feeds = [];
    private bool _closed;

    public void Publish(HitRecord hit)
    {
        foreach (var feed in Volatile.Read(ref _feeds))
        {
            feed.Publish(hit);
        }
    }

    /// <summary>Attaches a feed; one attached after the session closed ends at once.</summary>
    public void Add(EventSubscription<HitRecord> feed)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                Volatile.Write(ref _feeds, [.. _feeds, feed]);
                return;
            }
        }

        feed.Complete();
    }

    public void Remove(object feed)
    {
        lock (_gate)
        {
            Volatile.Write(ref _feeds, _feeds.Where(f => !ReferenceEquals(f, feed)).ToArray());
        }
    }

    /// <summary>Ends every feed (after what they already hold).</summary>
    public void Close()
    {
        EventSubscription<HitRecord>[] feeds;
        lock (_gate)
        {
            _closed = true;
            feeds = _feeds;
            Volatile.Write(ref _feeds, []);
        }

        foreach (var feed in feeds)
        {
            feed.Complete();
        }
    }
}
