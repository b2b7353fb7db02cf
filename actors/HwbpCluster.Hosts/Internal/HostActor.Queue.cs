using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Waiting requests and suspended reservations: when room returns, suspended ones resume first (in id order), then the queue is served.</summary>
/// <remarks>
/// One settling pass at a time; room that returns during a pass triggers another. Each try is an ordinary negotiation, so
/// a try that fails changes nothing. As in the pure core, a request that still does not fit blocks later ones that compete
/// with it for room (<see cref="RoomContention"/>), so a younger or lower-priority request never takes its room.
/// </remarks>
internal sealed partial class HostActor
{
    private readonly WaitQueue _queue = new();
    private readonly SortedSet<long> _preempted = [];
    private bool _settling;
    private bool _settleAgain;
    private long _trying;
    private bool _expiredWhileTrying;

    private void Enqueue(ReservationRecord record, TimeSpan wait, IActorRef<Reply<ReservationView>> reply)
    {
        record.Queued = true;
        record.Waiter = reply;
        record.WaitLimit = wait;
        _reservations[record.Id] = record;
        _queue.Enqueue(record.Id, record.Session.Kind);
        record.WaitTimer = Context.ScheduleTell(wait, new HostMsg.WaitExpired(record.Id));
        Publish(record, "queued");
    }

    private void Dequeue(ReservationRecord record)
    {
        record.Queued = false;
        record.WaitTimer?.Cancel();
        _queue.Remove(record.Id);
    }

    private void OnWaitExpired(long id)
    {
        // Still queued and not being tried right now: nothing is held for it anywhere.
        if (_reservations.TryGetValue(id, out var record) && record.Queued && _trying != id)
        {
            LeaveQueue(record, "wait-expired");
            record.Waiter?.Tell(Fail<ReservationView>(HostError.WaitExpired, $"no room for {record.Spec} in {record.Scope} after waiting {record.WaitLimit.TotalMilliseconds:0} ms in the queue"));
        }
        else if (record is not null && _trying == id)
        {
            _expiredWhileTrying = true;
        }
    }

    // The caller is gone: a request being decided or tried gives back what it gets when it ends; a queued one leaves the
    // queue; a granted one (its answer crossed the withdrawal) is released, since its caller never learned its id.
    private void OnWithdraw(IActorRef<Reply<ReservationView>> reply)
    {
        if (_deciding.TryGetValue(reply, out var deciding))
        {
            deciding.Withdrawn = true;
            return;
        }

        var record = _reservations.Values.FirstOrDefault(r => ReferenceEquals(r.Waiter, reply));
        if (record is null)
        {
            return;
        }

        if (record.Queued && _trying == record.Id)
        {
            record.Withdrawn = true;
        }
        else if (record.Queued)
        {
            LeaveQueue(record, "withdrawn");
        }
        else
        {
            Drop(record, "withdrawn", () => { });
        }
    }

    private void LeaveQueue(ReservationRecord record, string reason)
    {
        _reservations.Remove(record.Id);
        Dequeue(record);
        Publish(record, reason, Hosts.ReservationStatus.Released);
    }

    private void Settle()
    {
        if (_settling)
        {
            _settleAgain = true;
            return;
        }

        if (_preempted.Count == 0 && _queue.Count == 0)
        {
            return;
        }

        _settling = true;
        ResumeNext();
    }

    private void ResumeNext()
    {
        while (_preempted.Count > 0 && !_reservations.ContainsKey(_preempted.Min))
        {
            _preempted.Remove(_preempted.Min);
        }

        if (_preempted.Count == 0)
        {
            Serve(_queue.ServeOrder(), 0, []);
            return;
        }

        var record = _reservations[_preempted.Min];

        Restore(record, ok =>
        {
            if (ok)
            {
                ResumeNext();
            }
            else
            {
                Serve(_queue.ServeOrder(), 0, []);
            }
        });
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
                // Released while being restored: the CPU-bound room just taken goes back (a task's release is serialized after it).
                if (ok && !record.Scope.IsTaskBound)
                {
                    GiveBack(record, () => done(false));
                    return;
                }

                done(false);
                return;
            }

            if (ok && _preempted.Remove(record.Id))
            {
                record.Preempted = false;
                Publish(record, "resumed");
            }

            done(ok);
        }

        if (record.Scope.IsTaskBound)
        {
            TaskActorOf(record.Scope.TaskId).Tell(new TaskMsg.Resume(record.Id, Then<TaskOutcome>(o => Finish(o.Ok))));
        }
        else
        {
            Attempt(record, null, o => Finish(o.Admitted));
        }
    }

    private void Serve(IReadOnlyList<long> order, int index, List<ReservationRecord> blocked)
    {
        while (index < order.Count
            && (!_reservations.TryGetValue(order[index], out var candidate) || !candidate.Queued
                || blocked.Exists(b => RoomContention.Competes(b.Pool, b.Scope, candidate.Pool, candidate.Scope))))
        {
            index++;
        }

        if (index >= order.Count)
        {
            _settling = false;
            if (_settleAgain)
            {
                _settleAgain = false;
                Settle();
            }

            return;
        }

        var record = _reservations[order[index]];
        _trying = record.Id;
        _expiredWhileTrying = false;
        Attempt(record, null, outcome =>
        {
            if (!outcome.Admitted && PreemptionPolicy.MayPreempt(record.Session.Kind, record.Pinned))
            {
                Preempt(record, outcome, [], preempted => Served(record, preempted, order, index, blocked));
                return;
            }

            Served(record, outcome, order, index, blocked);
        });
    }

    private void Served(ReservationRecord record, NegotiationOutcome outcome, IReadOnlyList<long> order, int index, List<ReservationRecord> blocked)
    {
        _trying = 0;
        if (record.Dropped)
        {
            // Released while this try was in flight (its caller has been answered): give back what the try took.
            if (outcome.Admitted)
            {
                GiveBack(record, () => { });
            }

            Serve(order, index + 1, blocked);
            return;
        }

        if (outcome.Admitted && record.Withdrawn)
        {
            Dequeue(record);
            Drop(record, "withdrawn", () => { });
        }
        else if (record.Withdrawn)
        {
            LeaveQueue(record, "withdrawn");
        }
        else if (outcome.Admitted)
        {
            Dequeue(record);
            Publish(record, "served");
            record.Waiter?.Tell(Reply<ReservationView>.Ok(record.View(_host.Name)));
        }
        else if (_expiredWhileTrying)
        {
            OnWaitExpired(record.Id);
        }
        else
        {
            blocked.Add(record);
        }

        Serve(order, index + 1, blocked);
    }
}
