using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>kgdb making room by suspending pinned perf reservations (never ptrace ones), and restoring them, in id order, when room returns.</summary>
/// <remarks>
/// Victims are chosen by <see cref="PreemptionPolicy.PickVictims"/>, as in the pure core. Suspending is a release
/// negotiation, retrying is an ordinary one; if no victim is left, every victim of this request is restored in id order.
/// A restore already in flight is never started twice (settling and a failed preemption both restore).
/// </remarks>
internal sealed class Preemption(HostTurn turn, ReservationRegistry registry, TaskTable tasks, RoomKeeper room, EventPublisher publisher)
{
    private readonly SortedSet<long> _suspended = [];

    public bool Any => _suspended.Count > 0;

    /// <summary>Counts a record suspended (a forked copy of a suspended original).</summary>
    public void Suspended(long id) => _suspended.Add(id);

    /// <summary>Forgets a record that leaves the registry; true if it was suspended (it holds no room then).</summary>
    public bool Forget(long id) => _suspended.Remove(id);

    /// <summary>Suspends victims until <paramref name="requester"/> fits; if it never does, restores them and reports the refusal.</summary>
    public void Preempt(ReservationRecord requester, NegotiationOutcome refusal, Action<NegotiationOutcome> done) =>
        Preempt(requester, refusal, [], done);

    /// <summary>Restores suspended reservations in id order until one does not fit, then runs <paramref name="then"/>.</summary>
    public void ResumeInOrder(Action then)
    {
        while (_suspended.Count > 0 && !registry.Contains(_suspended.Min))
        {
            _suspended.Remove(_suspended.Min);
        }

        if (_suspended.Count == 0)
        {
            then();
            return;
        }

        Restore(registry[_suspended.Min], ok =>
        {
            if (ok)
            {
                ResumeInOrder(then);
            }
            else
            {
                then();
            }
        });
    }

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
            Suspend(victim, requester, () =>
            {
                suspended.Add(victim);
                if (--left == 0)
                {
                    room.Attempt(requester, null, outcome =>
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

        var counted = registry.All
            .Where(r => !r.Preempted && !r.Queued && r.Pinned && r.Pool == requester.Pool && r.Id != requester.Id && r.Scope.CountsOn(cpu))
            .Select(r => new PreemptionCandidate(r.Id, r.Session.Kind, r.Pinned, r.Scope.IsTaskBound ? r.Scope.TaskId : 0))
            .ToArray();
        return PreemptionPolicy.PickVictims(requester.Session.Kind, counted).Select(id => registry[id]).ToList();
    }

    private void Suspend(ReservationRecord victim, ReservationRecord requester, Action then)
    {
        void Finish()
        {
            if (victim.Dropped)
            {
                then();
                return;
            }

            victim.Preempted = true;
            _suspended.Add(victim.Id);
            publisher.Publish(victim, $"preempted-by {requester.Session.Kind.ToString().ToLowerInvariant()}");
            then();
        }

        if (victim.Scope.IsTaskBound)
        {
            tasks.ActorOf(victim.Scope.TaskId).Tell(new TaskMsg.Suspend(victim.Id, turn.Then<TaskOutcome>(_ => Finish())));
        }
        else
        {
            room.UncountCpuBound(victim, null, Finish);
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

    private void Restore(ReservationRecord record, Action<bool> done)
    {
        if (record.Restoring || !record.Preempted)
        {
            done(false);
            return;
        }

        record.Restoring = true;

        void Finish(bool ok)
        {
            record.Restoring = false;
            if (record.Dropped)
            {
                // Released while being restored: the CPU-bound room just taken goes back (a task's release is serialized after
                // it), and only then is the release answered.
                void Released()
                {
                    record.AfterRestore?.Invoke();
                    record.AfterRestore = null;
                    done(false);
                }

                if (ok && !record.Scope.IsTaskBound)
                {
                    room.GiveBack(record, Released);
                    return;
                }

                Released();
                return;
            }

            if (ok && _suspended.Remove(record.Id))
            {
                record.Preempted = false;
                publisher.Publish(record, "resumed");
            }

            done(ok);
        }

        if (record.Scope.IsTaskBound)
        {
            tasks.ActorOf(record.Scope.TaskId).Tell(new TaskMsg.Resume(record.Id, turn.Then<TaskOutcome>(o => Finish(o.Ok))));
        }
        else
        {
            room.Attempt(record, null, o => Finish(o.Admitted));
        }
    }
}
