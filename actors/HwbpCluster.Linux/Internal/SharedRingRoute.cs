namespace HwbpCluster.Linux.Internal;

/// <summary>A task ring attached to a reader: drained once per pass, each record handed to the subscription of the breakpoint
/// that wrote it.</summary>
/// <remarks>
/// Touched only under the reader's lock. A LOST record in a shared ring names the event that wrote next, not the one that
/// lost, so it only says when to read each breakpoint's exact loss count (the kernel keeps one per event). Samples of a
/// breakpoint already detached are skipped: it was released. Throttling and corrupt records go to every breakpoint of the ring.
/// </remarks>
internal sealed class SharedRingRoute(RingReader ring) : IRecordSink
{
    private readonly Dictionary<ulong, Subscription> _members = [];
    private ulong _samples;
    private bool _sawLost;

    public RingReader Ring { get; } = ring;

    public bool IsEmpty => _members.Count == 0;

    public void Add(Subscription member) => _members[member.Breakpoint.Id] = member;

    public void Remove(Subscription member) => _members.Remove(member.Breakpoint.Id);

    /// <summary>Reads every record the ring holds; returns how many were hits of its breakpoints.</summary>
    public ulong Drain()
    {
        _samples = 0;
        _sawLost = false;
        foreach (Subscription member in _members.Values)
        {
            member.BeginDrain();
        }

        Ring.Drain(this);
        bool filled = _sawLost || Ring.WasHalfFull(_samples);
        ulong hits = 0;
        foreach (Subscription member in _members.Values)
        {
            hits += member.EndDrain(filled);
        }

        return hits;
    }

    public void OnSample(in RawHit hit)
    {
        _samples++;
        if (_members.TryGetValue(hit.EventId, out Subscription? member))
        {
            member.OnSample(hit);
        }
    }

    public void OnLost(ulong count) => _sawLost = true;

    public void OnThrottle(bool throttled)
    {
        foreach (Subscription member in _members.Values)
        {
            member.OnThrottle(throttled);
        }
    }

    // Only inherited events carry FORK and EXIT records, and those keep rings of their own.
    public void OnThread(HitNoticeKind kind, int tid, int parentTid)
    {
    }

    public void OnCorrupt()
    {
        foreach (Subscription member in _members.Values)
        {
            member.OnCorrupt();
        }
    }
}
