using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Host;

/// <summary>Changing a reservation's address, length or access in place (PERF_EVENT_IOC_MODIFY_ATTRIBUTES).</summary>
public sealed partial class HostArbiter
{
    /// <summary>Changes a reservation's spec in place; a change of pool re-checks room and leaves it unchanged when there is none.</summary>
    public Decision Modify(long reservationId, BreakpointSpec spec)
    {
        if (!_reservations.TryGetValue(reservationId, out var reservation))
        {
            return NotFound(reservationId);
        }

        var request = reservation.Request;
        var validation = BreakpointValidator.Validate(Profile, spec, request.Scope, request.Kind, request.Privileged);
        if (!validation.IsValid)
        {
            return Rejected(validation, reservationId);
        }

        var pool = Profile.PoolOf(spec.Access);
        var modified = reservation with { Spec = spec, Pool = pool };
        if (pool == reservation.Pool)
        {
            Replace(reservation, modified);
            return new Decision(Outcome.Done, reservationId, string.Empty);
        }

        if (!reservation.IsCounted)
        {
            // Suspended or queued in another pool now: it may fit there at once, so it is offered room as after a release.
            Replace(reservation, modified);
            var (resumedNow, servedNow, suspendedNow) = Settle();
            return new Decision(Outcome.Done, reservationId, string.Empty) { Resumed = resumedNow, Served = servedNow, Suspended = suspendedNow };
        }

        // Pools are accounted independently, so leaving the old one first cannot help or hurt the new one;
        // on refusal the old slot is taken back, which fits because nothing else changed.
        Deactivate(reservation);
        Replace(reservation, modified);
        if (TryActivate(modified, out var holders))
        {
            var (resumed, served, suspended) = Settle();
            return new Decision(Outcome.Done, reservationId, string.Empty) { Resumed = resumed, Served = served, Suspended = suspended };
        }

        Replace(modified, reservation);
        Resume(reservation);
        return new Decision(Outcome.NoRoom, reservationId, $"no room to move r{reservationId} to {spec}: {holders}") { Holders = holders };
    }

    // Swaps the registry entry and, for task breakpoints, the task ledger's (uncounted) record of its pool.
    private void Replace(Reservation old, Reservation updated)
    {
        _reservations[old.Id] = updated;
        var scope = old.Request.Scope;
        if (scope.IsTaskBound && old.Pool != updated.Pool)
        {
            var task = _tasks[scope.TaskId];
            task.Remove(old.Id, out var breakpoint);
            task.Add(breakpoint with { Pool = updated.Pool, Counted = false });
        }
    }
}
