using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Host;

/// <summary>kgdb making room by suspending pinned perf reservations, and giving it back exactly when it cannot.</summary>
public sealed partial class HostArbiter
{
    private List<long>? _suspendedWhileServing;

    // Suspends victims until the request fits; if it never does, restores every victim in original order and fails.
    // Planning scans the reservations: O(reservations), but only for a kgdb request that would otherwise be refused.
    private bool TryPreempt(Reservation requester, out List<long> suspended)
    {
        suspended = [];
        while (!TryActivate(requester, out var holders))
        {
            var victims = PickVictims(requester.Request, holders!.Cpu, requester.Pool);
            if (victims.Count == 0)
            {
                foreach (var id in suspended.Order())
                {
                    Resume(_reservations[id]);
                }

                suspended = [];
                return false;
            }

            foreach (var victim in victims)
            {
                Suspend(victim);
                suspended.Add(victim.Id);
            }
        }

        return true;
    }

    // The policy picks; the candidates are the reservations counted in the pool on the refusing CPU.
    private List<Reservation> PickVictims(ReservationRequest requester, int cpu, Pool pool)
    {
        var counted = _reservations.Values
            .Where(r => r.IsCounted && r.Pool == pool && r.Request.Scope.CountsOn(cpu))
            .Select(r => new PreemptionCandidate(r.Id, r.Request.Kind, r.Request.Pinned, r.Request.Scope.IsTaskBound ? r.Request.Scope.TaskId : 0))
            .ToArray();
        return PreemptionPolicy.PickVictims(requester.Kind, counted).Select(id => _reservations[id]).ToList();
    }

    private void Suspend(Reservation victim)
    {
        Deactivate(victim);
        _reservations[victim.Id] = victim with { State = ReservationState.Suspended };
        _suspended.Add(victim.Id);
    }

    private void Resume(Reservation reservation)
    {
        var active = reservation with { State = ReservationState.Active };
        if (!TryActivate(active, out var holders))
        {
            throw new InvalidOperationException($"reservation {reservation.Id} could not be restored: {holders}");
        }

        _reservations[reservation.Id] = active;
        _suspended.Remove(reservation.Id);
    }
}
