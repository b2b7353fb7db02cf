using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal;

/// <summary>kgdb making room by suspending pinned perf reservations (never ptrace ones), and giving it back when it cannot.</summary>
/// <remarks>
/// Victims are chosen as in the pure core: on the CPU that refused, the newest suspendable CPU-bound reservation; otherwise
/// one suspendable reservation of every task at that CPU's maximum count, or none at all. Suspending is a release
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

    private List<ReservationRecord> PickVictims(ReservationRecord requester, int cpu)
    {
        if (cpu < 0)
        {
            return [];
        }

        bool Suspendable(ReservationRecord r) =>
            !r.Preempted && !r.Queued && r.Pinned && r.Pool == requester.Pool && r.Id != requester.Id
            && PreemptionPolicy.MaySuspend(requester.Session.Kind, r.Session.Kind, r.Pinned);

        var active = _reservations.Values.Where(r => !r.Preempted && !r.Queued && r.Pinned && r.Pool == requester.Pool).ToArray();
        var cpuBound = active
            .Where(r => Suspendable(r) && (r.Scope.Kind == ScopeKind.AllCpus || (r.Scope.Kind == ScopeKind.Cpu && r.Scope.Cpu == cpu)))
            .MaxBy(r => r.Id);
        if (cpuBound is not null)
        {
            return [cpuBound];
        }

        var perTask = active
            .Where(r => r.Scope.IsTaskBound && (r.Scope.Kind == ScopeKind.Task || r.Scope.Cpu == cpu))
            .GroupBy(r => r.Scope.TaskId)
            .ToArray();
        if (perTask.Length == 0)
        {
            return [];
        }

        var max = perTask.Max(g => g.Count());
        var victims = new List<ReservationRecord>();
        foreach (var task in perTask.Where(g => g.Count() == max))
        {
            var victim = task.Where(Suspendable).MaxBy(r => r.Id);
            if (victim is null)
            {
                return [];
            }

            victims.Add(victim);
        }

        return victims;
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
