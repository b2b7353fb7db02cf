using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>When room returns: suspended reservations resume first (in id order), then the wait queue is served.</summary>
/// <remarks>
/// One settling pass at a time; room that returns during a pass triggers another. Each try is an ordinary negotiation, so
/// a try that fails changes nothing. As in the pure core, a request that still does not fit blocks later ones that compete
/// with it for room (<see cref="RoomContention"/>), so a younger or lower-priority request never takes its room.
/// </remarks>
internal sealed class Settler(
    HostTurn turn, ReservationRegistry registry, WaitingRoom queue, Preemption preemption, RoomKeeper room, EventPublisher publisher, Releases releases)
{
    private bool _settling;
    private bool _settleAgain;

    public void Settle()
    {
        if (_settling)
        {
            _settleAgain = true;
            return;
        }

        if (!preemption.Any && !queue.Any)
        {
            return;
        }

        _settling = true;
        preemption.ResumeInOrder(() => Serve(queue.ServeOrder(), 0, []));
    }

    private void Serve(IReadOnlyList<long> order, int index, List<ReservationRecord> blocked)
    {
        while (index < order.Count
            && (!registry.TryGet(order[index], out var candidate) || !candidate.Queued
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

        var record = registry[order[index]];
        queue.BeginTry(record.Id);
        room.Attempt(record, null, outcome =>
        {
            if (!outcome.Admitted && PreemptionPolicy.MayPreempt(record.Session.Kind, record.Pinned))
            {
                preemption.Preempt(record, outcome, preempted => Served(record, preempted, order, index, blocked));
                return;
            }

            Served(record, outcome, order, index, blocked);
        });
    }

    private void Served(ReservationRecord record, NegotiationOutcome outcome, IReadOnlyList<long> order, int index, List<ReservationRecord> blocked)
    {
        var expired = queue.EndTry();
        if (record.Dropped)
        {
            // Released while this try was in flight (its caller has been answered): give back what the try took.
            if (outcome.Admitted)
            {
                room.GiveBack(record, () => { });
            }

            Serve(order, index + 1, blocked);
            return;
        }

        if (outcome.Admitted && record.Withdrawn)
        {
            queue.Dequeue(record);
            releases.Drop(record, "withdrawn", () => { });
        }
        else if (record.Withdrawn)
        {
            queue.Leave(record, "withdrawn");
        }
        else if (outcome.Admitted)
        {
            queue.Dequeue(record);
            publisher.Publish(record, "served");
            record.Waiter?.Tell(Reply<ReservationView>.Ok(record.View(turn.Name)));
        }
        else if (expired)
        {
            queue.OnWaitExpired(record.Id);
        }
        else
        {
            blocked.Add(record);
        }

        Serve(order, index + 1, blocked);
    }
}
