using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Host;

/// <summary>kgdb making room by suspending pinned perf reservations, and giving it back exactly when it cannot.</summary>
public sealed partial class HostArbiter
{
    private List<long>? _suspendedWhileServing;

    // Suspends victims until the request fits; if it never does, restores every victim in original order and fails.
    // Planning scans the tasks of a blocking CPU: O(tasks), but only for a kgdb request that would otherwise be refused.
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

    private List<Reservation> PickVictims(ReservationRequest requester, int cpu, Pool pool)
    {
        // A CPU-bound victim frees this CPU at once; take the newest so older reservations keep running longest.
        var ledger = _cpus[cpu];
        Reservation? cpuBound = null;
        foreach (var id in ledger.Explain(LedgerChange.AddCpuBound(pool, 0)).CpuBound)
        {
            var candidate = _reservations[id];
            if (PreemptionPolicy.MaySuspend(requester.Kind, candidate.Request.Kind, candidate.Request.Pinned) && (cpuBound is null || candidate.Id > cpuBound.Id))
            {
                cpuBound = candidate;
            }
        }

        if (cpuBound is not null)
        {
            return [cpuBound];
        }

        // Otherwise the max task count must drop: every task at the max gives up one perf breakpoint, or nothing is taken.
        var max = ledger.MaxTaskCount(pool);
        var victims = new List<Reservation>();
        if (max == 0)
        {
            return victims;
        }

        foreach (var task in _tasks.Values)
        {
            if (task.Count(cpu, pool) != max)
            {
                continue;
            }

            var victim = NewestSuspendable(requester, task, cpu, pool);
            if (victim is null)
            {
                return [];
            }

            victims.Add(victim);
        }

        return victims;
    }

    private Reservation? NewestSuspendable(ReservationRequest requester, TaskLedger task, int cpu, Pool pool)
    {
        Reservation? newest = null;
        foreach (var breakpoint in task.Breakpoints)
        {
            if (breakpoint.Counted && breakpoint.Pool == pool && breakpoint.AppliesOn(cpu) && (newest is null || breakpoint.ReservationId > newest.Id))
            {
                var candidate = _reservations[breakpoint.ReservationId];
                if (PreemptionPolicy.MaySuspend(requester.Kind, candidate.Request.Kind, candidate.Request.Pinned))
                {
                    newest = candidate;
                }
            }
        }

        return newest;
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
