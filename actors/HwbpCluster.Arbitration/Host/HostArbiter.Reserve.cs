using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Policy;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Host;

/// <summary>Reserving: validation, Linux's admission rule, kgdb preemption, queueing.</summary>
public sealed partial class HostArbiter
{
    /// <summary>Asks for one breakpoint: Admitted (with its id), Queued (MayWait), NoRoom (naming the holders), Invalid or NotPermitted.</summary>
    /// <remarks>
    /// Pinned requests follow Linux's rule exactly. Flexible ones (perf, Pinned = false) are always admitted and not counted.
    /// A kgdb request that does not fit may suspend pinned perf reservations (never ptrace ones); see <see cref="Decision.Suspended"/>.
    /// </remarks>
    public Decision TryReserve(ReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = BreakpointValidator.Validate(Profile, request.Spec, request.Scope, request.Kind, request.Privileged);
        if (!validation.IsValid)
        {
            return Rejected(validation, 0);
        }

        var reservation = new Reservation(_nextId++, request, request.Spec, Profile.PoolOf(request.Spec.Access), ReservationState.Active);
        Register(reservation);
        if (!request.Pinned || TryActivate(reservation, out var holders))
        {
            return new Decision(Outcome.Admitted, reservation.Id, string.Empty);
        }

        if (PreemptionPolicy.MayPreempt(request.Kind, request.Pinned) && TryPreempt(reservation, out var suspended))
        {
            return new Decision(Outcome.Admitted, reservation.Id, string.Empty) { Suspended = suspended };
        }

        if (request.MayWait)
        {
            _reservations[reservation.Id] = reservation with { State = ReservationState.Queued };
            _queue.Enqueue(reservation.Id, request.Kind);
            return new Decision(Outcome.Queued, reservation.Id, $"queued: {holders}") { Holders = holders };
        }

        Unregister(reservation);
        return new Decision(Outcome.NoRoom, 0, $"no room for {request.Spec} in {request.Scope}: {holders}") { Holders = holders };
    }

    // A request that failed validation: Invalid or NotPermitted, carrying the verdict.
    private static Decision Rejected(ValidationResult validation, long reservationId)
    {
        var outcome = validation.Verdict == ValidationVerdict.Invalid ? Outcome.Invalid : Outcome.NotPermitted;
        return new Decision(outcome, reservationId, validation.Message) { Validation = validation };
    }

    // Records the reservation (uncounted) in the registry and, for task breakpoints, in the task ledger.
    private void Register(Reservation reservation)
    {
        _reservations.Add(reservation.Id, reservation);
        var scope = reservation.Request.Scope;
        if (scope.IsTaskBound)
        {
            var cpu = scope.Kind == ScopeKind.TaskOnCpu ? scope.Cpu : -1;
            TaskOf(scope.TaskId).Add(new TaskBreakpoint(reservation.Id, reservation.Pool, cpu, Counted: false));
        }
    }

    // Forgets an uncounted reservation; drops the task ledger when it becomes empty.
    private void Unregister(Reservation reservation)
    {
        _reservations.Remove(reservation.Id);
        var scope = reservation.Request.Scope;
        if (scope.IsTaskBound && _tasks.TryGetValue(scope.TaskId, out var task))
        {
            task.Remove(reservation.Id, out _);
            if (task.BreakpointCount == 0)
            {
                _tasks.Remove(scope.TaskId);
            }
        }
    }
}
