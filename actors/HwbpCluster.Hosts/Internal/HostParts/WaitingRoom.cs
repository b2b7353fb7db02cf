using HwbpCluster.Arbitration.Policy;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Requests waiting for room: the <see cref="WaitQueue"/>'s order, each one's wait timer, and the one being tried now.</summary>
/// <remarks>
/// A queued record is live in the registry (listed, suspended). Nothing is held for it anywhere except while it is being
/// tried; a wait that runs out then, or a caller that leaves then, is settled when the try ends.
/// </remarks>
internal sealed class WaitingRoom(HostTurn turn, ReservationRegistry registry, EventPublisher publisher)
{
    private readonly WaitQueue _queue = new();
    private long _trying;
    private bool _expiredWhileTrying;

    public bool Any => _queue.Count > 0;

    /// <summary>Runs after a request leaves the queue unserved: as after a release in the pure core, the others are offered room again.</summary>
    public Action Left { get; set; } = () => { };

    /// <summary>The waiting requests in the order they are offered room.</summary>
    public IReadOnlyList<long> ServeOrder() => _queue.ServeOrder();

    public bool IsBeingTried(long id) => _trying == id;

    public void Enqueue(ReservationRecord record, TimeSpan wait, IActorRef<Reply<ReservationView>> reply)
    {
        record.Queued = true;
        record.Waiter = reply;
        record.WaitLimit = wait;
        registry.Put(record);
        _queue.Enqueue(record.Id, record.Session.Kind);
        record.WaitTimer = turn.Schedule(wait, new HostMsg.WaitExpired(record.Id));
        publisher.Publish(record, "queued");
    }

    /// <summary>Takes the record out of the queue (served, dropped or gone): its timer stops.</summary>
    public void Dequeue(ReservationRecord record)
    {
        record.Queued = false;
        record.WaitTimer?.Cancel();
        _queue.Remove(record.Id);
    }

    /// <summary>Leaves the queue and the registry, published as released for <paramref name="reason"/>.</summary>
    public void Leave(ReservationRecord record, string reason)
    {
        registry.Remove(record.Id);
        Dequeue(record);
        publisher.Publish(record, reason, ReservationStatus.Released);
        Left();
    }

    public void OnWaitExpired(long id)
    {
        // Still queued and not being tried right now: nothing is held for it anywhere.
        if (registry.TryGet(id, out var record) && record.Queued && _trying != id)
        {
            Leave(record, "wait-expired");
            record.Waiter?.Tell(Reply<ReservationView>.Fail(HostError.WaitExpired,
                $"no room for {record.Spec} in {record.Scope} after waiting {record.WaitLimit.TotalMilliseconds:0} ms in the queue"));
        }
        else if (record is not null && _trying == id)
        {
            _expiredWhileTrying = true;
        }
    }

    /// <summary>A try of <paramref name="id"/> starts: its wait running out is noted, not acted on, until <see cref="EndTry"/>.</summary>
    public void BeginTry(long id)
    {
        _trying = id;
        _expiredWhileTrying = false;
    }

    /// <summary>The try ended; true when the wait ran out meanwhile.</summary>
    public bool EndTry()
    {
        _trying = 0;
        return _expiredWhileTrying;
    }
}
