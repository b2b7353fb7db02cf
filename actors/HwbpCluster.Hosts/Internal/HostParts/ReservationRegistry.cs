using System.Diagnostics.CodeAnalysis;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>The reservations the host knows (active, suspended, queued), and those being released.</summary>
/// <remarks>
/// Live records are routed for hits (<see cref="HitFanOut"/>). A record being released is no longer live (a second release is NotFound) but stays known until its room is back: a fork
/// its task actor handles before the release still copies it, so the copy's origin must be found.
/// </remarks>
internal sealed class ReservationRegistry(HitFanOut hits)
{
    private readonly Dictionary<long, ReservationRecord> _live = [];
    private readonly Dictionary<long, ReservationRecord> _releasing = [];

    public IEnumerable<ReservationRecord> All => _live.Values;

    public ReservationRecord this[long id] => _live[id];

    public bool Contains(long id) => _live.ContainsKey(id);

    public bool TryGet(long id, [MaybeNullWhen(false)] out ReservationRecord record) => _live.TryGetValue(id, out record);

    /// <summary>The live record <paramref name="id"/> if <paramref name="sessionId"/> holds it.</summary>
    public bool TryGetOwned(string sessionId, long id, [MaybeNullWhen(false)] out ReservationRecord record) =>
        _live.TryGetValue(id, out record) && record.Session.SessionId == sessionId;

    /// <summary>Live or being released: what a fork's copy may originate from.</summary>
    public bool TryGetKnown(long id, [MaybeNullWhen(false)] out ReservationRecord record) =>
        _live.TryGetValue(id, out record) || _releasing.TryGetValue(id, out record);

    /// <summary>Makes the record live (admitted or queued); it may already be.</summary>
    public void Put(ReservationRecord record)
    {
        _live[record.Id] = record;
        hits.Route(record);
    }

    /// <summary>A new live record (a forked copy); its id must be new.</summary>
    public void Add(ReservationRecord record)
    {
        _live.Add(record.Id, record);
        hits.Route(record);
    }

    public bool Remove(long id) => Remove(id, out _);

    public bool Remove(long id, [MaybeNullWhen(false)] out ReservationRecord record)
    {
        hits.Unroute(id);
        return _live.Remove(id, out record);
    }

    /// <summary>Takes the record out of the live set and keeps it known until <see cref="Released"/>.</summary>
    public void Releasing(ReservationRecord record)
    {
        Remove(record.Id);
        _releasing[record.Id] = record;
    }

    public void Released(long id) => _releasing.Remove(id);

    /// <summary>The session's live records in id order (all of them when <paramref name="sessionId"/> is null).</summary>
    public ReservationRecord[] Of(string? sessionId) =>
        _live.Values.Where(r => sessionId is null || r.Session.SessionId == sessionId).OrderBy(r => r.Id).ToArray();

    /// <summary>The live record whose caller is <paramref name="reply"/> (a queued request, or one granted as its caller left).</summary>
    public ReservationRecord? WaitedForBy(IActorRef<Reply<ReservationView>> reply) =>
        _live.Values.FirstOrDefault(r => ReferenceEquals(r.Waiter, reply));
}
