using System.Collections.Concurrent;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>The installed reservations, by reservation id and by kernel event id (to route hits and notices).</summary>
internal sealed class ReservationTable
{
    private readonly ConcurrentDictionary<long, ArmedReservation> _byId = new();
    private readonly ConcurrentDictionary<ulong, EventBinding> _byEvent = new();

    public void Add(ArmedReservation reservation)
    {
        if (!_byId.TryAdd(reservation.Id, reservation))
        {
            throw new InvalidOperationException($"reservation {reservation.Id} is installed twice");
        }

        Map(reservation);
    }

    /// <summary>Routes the reservation's current events to it (after install or resume).</summary>
    public void Map(ArmedReservation reservation)
    {
        IReadOnlyList<PerfBreakpoint> events = reservation.Events;
        for (int i = 0; i < events.Count; i++)
        {
            _byEvent[events[i].Id] = new EventBinding(reservation, i);
        }
    }

    /// <summary>Stops routing these events (taken from a suspended reservation).</summary>
    public void Unmap(IEnumerable<PerfBreakpoint> events)
    {
        foreach (PerfBreakpoint e in events)
        {
            _byEvent.TryRemove(e.Id, out _);
        }
    }

    public ArmedReservation? Find(long id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<ArmedReservation> Snapshot() => [.. _byId.Values];

    public bool TryFindEvent(ulong eventId, out EventBinding binding) => _byEvent.TryGetValue(eventId, out binding);

    /// <summary>Removes the reservation if <paramref name="sessionId"/> holds it; the caller closes it.</summary>
    public ArmedReservation? Take(string sessionId, long id) =>
        _byId.TryGetValue(id, out ArmedReservation? found) && found.SessionId == sessionId && Remove(found) ? found : null;

    /// <summary>Removes every reservation of the session.</summary>
    public IReadOnlyList<ArmedReservation> TakeSession(string sessionId) => TakeWhere(r => r.SessionId == sessionId);

    /// <summary>Removes every reservation bound to task <paramref name="tid"/> (all of them die with the task).</summary>
    public IReadOnlyList<ArmedReservation> TakeTask(long tid) => TakeWhere(r => r.Scope.IsTaskBound && r.Scope.TaskId == tid);

    public IReadOnlyList<ArmedReservation> TakeAll() => TakeWhere(_ => true);

    private List<ArmedReservation> TakeWhere(Func<ArmedReservation, bool> match) =>
        [.. _byId.Values.Where(match).Where(Remove)];

    private bool Remove(ArmedReservation reservation)
    {
        if (!_byId.TryRemove(new KeyValuePair<long, ArmedReservation>(reservation.Id, reservation)))
        {
            return false;
        }

        Unmap(reservation.Events);
        return true;
    }
}
