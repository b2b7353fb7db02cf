using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal;

/// <summary>kgdb making room by suspending pinned perf reservations (never ptrace ones), and giving it back when it cannot.</summary>
/// <remarks>
/// Victims are chosen by <see cref="PreemptionPolicy.PickVictims"/>, as in the pure core. Suspending is a release
/// negotiation, retrying is an ordinary one; if no victim is left, every victim of this request is restored in id order.
/// </remarks>
internal sealed partial class HostActor
{
    private void Preempt(ReservationRecord requester, NegotiationOutcome refusal, List<ReservationRecord> suspended, Action<NegotiationOutcome> done)
    {
        var victims = PickVictims(requester, refusal.RefusedCpu);
        if (victims.Count == 0)
        {
            RestoreAll(suspended.OrderBy(v => v.Id).ToList(), 0, () => done(refusal));
            return;
        }

        var left = victims.Count;
        foreach (var victim in victims)
        {
            SuspendVictim(victim, requester, () =>
            {
                suspended.Add(victim);
                if (--left == 0)
                {
                    Attempt(requester, null, outcome =>
                    {
                        if (outcome.Admitted)
                        {
                            done(outcome);
                        }
                        else
                        {
                            Preempt(requester, outcome, suspended, done);
                        }
                    });
                }
            });
        }
    }

    // The policy picks (as in the pure core); the candidates are the reservations counted in the pool on the refusing CPU.
    private List<ReservationRecord> PickVictims(ReservationRecord requester, int cpu)
    {
        if (cpu < 0)
        {
            return [];
        }

        var counted = _reservations.Values
            .Where(r => !r.Preempted && !r.Queued && r.Pinned && r.Pool == requester.Pool && r.Id != requester.Id && r.Scope.CountsOn(cpu))
            .Select(r => new PreemptionCandidate(r.Id, r.Session.Kind, r.Pinned, r.Scope.IsTaskBound ? r.Scope.TaskId : 0))
            .ToArray();
        return PreemptionPolicy.PickVictims(requester.Session.Kind, counted).Select(id => _reservations[id]).ToList();
    }

    private void SuspendVictim(ReservationRecord victim, ReservationRecord requester, Action then)
    {
        void Finish()
        {
            if (victim.Dropped)
            {
                then();
                return;
            }

            victim.Preempted = true;
            _preempted.Add(victim.Id);
            Publish(victim, $"preempted-by {requester.Session.Kind.ToString().ToLowerInvariant()}");
            then();
        }

        if (victim.Scope.IsTaskBound)
        {
            TaskActorOf(victim.Scope.TaskId).Tell(new TaskMsg.Suspend(victim.Id, Then<TaskOutcome>(_ => Finish())));
        }
        else
        {
            UncountCpuBound(victim, null, Finish);
        }
    }

    private void RestoreAll(List<ReservationRecord> victims, int index, Action then)
    {
        if (index == victims.Count)
        {
            then();
            return;
        }

        Restore(victims[index], _ => RestoreAll(victims, index + 1, then));
    }
}
