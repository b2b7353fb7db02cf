using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Host;

/// <summary>Releasing, task exit, and what happens when room returns.</summary>
public sealed partial class HostArbiter
{
    /// <summary>Releases a reservation (active, suspended or queued); room that returns resumes suspended ones, then serves the queue.</summary>
    public Decision Release(long reservationId)
    {
        if (!_reservations.TryGetValue(reservationId, out var reservation))
        {
            return NotFound(reservationId);
        }

        Drop(reservation);
        var (resumed, served, suspended) = Settle();
        return new Decision(Outcome.Done, reservationId, string.Empty) { Resumed = resumed, Served = served, Suspended = suspended };
    }

    /// <summary>A task exits: every reservation of the task is released (listed in <see cref="Decision.Affected"/>).</summary>
    public Decision Exit(long taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            return new Decision(Outcome.Done, 0, string.Empty);
        }

        var released = task.Breakpoints.Select(b => b.ReservationId).Order().ToArray();
        foreach (var id in released)
        {
            Drop(_reservations[id]);
        }

        var (resumed, served, suspended) = Settle();
        return new Decision(Outcome.Done, 0, string.Empty) { Affected = released, Resumed = resumed, Served = served, Suspended = suspended };
    }

    private Decision NotFound(long reservationId) =>
        new(Outcome.NotFound, reservationId, $"reservation {reservationId} does not exist on this host");

    private void Drop(Reservation reservation)
    {
        switch (reservation.State)
        {
            case ReservationState.Queued:
                _queue.Remove(reservation.Id);
                break;
            case ReservationState.Suspended:
                _suspended.Remove(reservation.Id);
                break;
            default:
                if (reservation.IsCounted)
                {
                    Deactivate(reservation);
                }

                break;
        }

        Unregister(reservation);
    }

    // Room may have returned: suspended reservations come back first, strictly in original order, then the queue is served
    // (a served kgdb request may suspend perf reservations again: those are the third list).
    private (IReadOnlyList<long> Resumed, IReadOnlyList<long> Served, IReadOnlyList<long> Suspended) Settle()
    {
        List<long>? resumed = null;
        while (_suspended.Count > 0)
        {
            var reservation = _reservations[_suspended.Min];
            if (!TryActivate(reservation with { State = ReservationState.Active }, out _))
            {
                break;
            }

            _suspended.Remove(reservation.Id);
            _reservations[reservation.Id] = reservation with { State = ReservationState.Active };
            (resumed ??= []).Add(reservation.Id);
        }

        _suspendedWhileServing = null;
        var served = _queue.Count == 0 ? [] : _queue.Drain(TryServe, Competes);
        IReadOnlyList<long> suspended = _suspendedWhileServing is null ? [] : _suspendedWhileServing;
        _suspendedWhileServing = null;
        return (resumed is null ? [] : resumed, served, suspended);
    }

    private bool Competes(long waitingId, long candidateId)
    {
        var waiting = _reservations[waitingId];
        var candidate = _reservations[candidateId];
        return RoomContention.Competes(waiting.Pool, waiting.Request.Scope, candidate.Pool, candidate.Request.Scope);
    }

    private bool TryServe(long reservationId)
    {
        var reservation = _reservations[reservationId] with { State = ReservationState.Active };
        if (TryActivate(reservation, out _))
        {
            _reservations[reservationId] = reservation;
            return true;
        }

        if (PreemptionPolicy.MayPreempt(reservation.Request.Kind, reservation.Request.Pinned) && TryPreempt(reservation, out var suspended))
        {
            _reservations[reservationId] = reservation;
            (_suspendedWhileServing ??= []).AddRange(suspended);
            return true;
        }

        return false;
    }
}
