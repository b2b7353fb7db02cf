using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>The sessions' hit subscriptions; publishing reads a copy-on-write array, so the hit path takes no lock.</summary>
internal sealed class HitFeeds
{
    private readonly Lock _gate = new();
    private Dictionary<string, EventSubscription<HitRecord>[]> _feeds = [];

    public EventSubscription<HitRecord> Subscribe(string sessionId, int capacity)
    {
        var subscription = new EventSubscription<HitRecord>(capacity, s => Remove(sessionId, s));
        lock (_gate)
        {
            var next = new Dictionary<string, EventSubscription<HitRecord>[]>(_feeds);
            next[sessionId] = [.. next.GetValueOrDefault(sessionId, []), subscription];
            _feeds = next;
        }

        return subscription;
    }

    public void Publish(string sessionId, HitRecord hit)
    {
        if (Volatile.Read(ref _feeds).TryGetValue(sessionId, out EventSubscription<HitRecord>[]? subscriptions))
        {
            foreach (EventSubscription<HitRecord> subscription in subscriptions)
            {
                subscription.Publish(hit);
            }
        }
    }

    /// <summary>Tells every feed of the session that <paramref name="count"/> of its hits were lost on the way (its dropped count).</summary>
    public void CountMissed(string sessionId, ulong count)
    {
        if (Volatile.Read(ref _feeds).TryGetValue(sessionId, out EventSubscription<HitRecord>[]? subscriptions))
        {
            foreach (EventSubscription<HitRecord> subscription in subscriptions)
            {
                subscription.CountMissed((long)Math.Min(count, long.MaxValue));
            }
        }
    }

    /// <summary>Ends the session's feeds (the reader sees what was buffered, then the end).</summary>
    public void CompleteSession(string sessionId)
    {
        EventSubscription<HitRecord>[] ended;
        lock (_gate)
        {
            var next = new Dictionary<string, EventSubscription<HitRecord>[]>(_feeds);
            ended = next.Remove(sessionId, out EventSubscription<HitRecord>[]? removed) ? removed : [];
            _feeds = next;
        }

        Array.ForEach(ended, s => s.Complete());
    }

    public void CompleteAll()
    {
        foreach (string sessionId in Volatile.Read(ref _feeds).Keys.ToList())
        {
            CompleteSession(sessionId);
        }
    }

    private void Remove(string sessionId, EventSubscription<HitRecord> subscription)
    {
        lock (_gate)
        {
            if (_feeds.TryGetValue(sessionId, out EventSubscription<HitRecord>[]? current))
            {
                var next = new Dictionary<string, EventSubscription<HitRecord>[]>(_feeds);
                EventSubscription<HitRecord>[] rest = [.. current.Where(s => s != subscription)];
                if (rest.Length == 0)
                {
                    next.Remove(sessionId);
                }
                else
                {
                    next[sessionId] = rest;
                }

                _feeds = next;
            }
        }
    }
}
