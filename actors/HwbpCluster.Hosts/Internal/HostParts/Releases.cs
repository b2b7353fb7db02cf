using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Releasing a reservation: out of the registry at once (a second release is NotFound), then its room back, then settling.</summary>
/// <remarks>
/// A record released while a suspension, a restore or a queued try is in flight is marked dropped; the late try gives back
/// the room it took. <see cref="RoomReturned"/> is the settling pass the host composes in (it serves the queue, which may
/// release withdrawn requests here again).
/// </remarks>
internal sealed class Releases(
    HostTurn turn, ReservationRegistry registry, TaskTable tasks, RoomKeeper room, WaitingRoom queue, Preemption preemption, EventPublisher publisher)
{
    /// <summary>Runs after every release completes: room may have returned.</summary>
    public Action RoomReturned { get; set; } = () => { };

    public void OnRelease(HostMsg.Release release)
    {
        if (!registry.TryGetOwned(release.SessionId, release.Id, out var record))
        {
            release.Reply.Tell(Reply<bool>.Fail(HostError.NotFound, $"session {release.SessionId} holds no reservation {release.Id} on host {turn.Name}"));
            return;
        }

        if (record.Process is not { } process)
        {
            Drop(record, "released", () => release.Reply.Tell(Reply<bool>.Ok(true)));
            return;
        }

        // Any task reservation of a process reservation releases all of them: the client asked for one process scope.
        var group = registry.Of(release.SessionId).Where(r => r.Process?.Group == process.Group && !r.Dropped).ToArray();
        var left = group.Length;
        foreach (var member in group)
        {
            Drop(member, "released", () =>
            {
                if (--left == 0)
                {
                    release.Reply.Tell(Reply<bool>.Ok(true));
                }
            });
        }
    }

    /// <summary>Takes the record out of the registry now, gives back its room, then publishes and runs <paramref name="then"/>.</summary>
    /// <param name="record">The record (live).</param>
    /// <param name="reason">The event's reason.</param>
    /// <param name="then">Runs once the room is back.</param>
    /// <param name="client">Where the event goes when the session has already closed.</param>
    public void Drop(ReservationRecord record, string reason, Action then, IActorRef<ClientMsg>? client = null)
    {
        registry.Releasing(record);
        record.Dropped = true;
        var wasPreempted = preemption.Forget(record.Id);
        var tag = new Linearization("release", record.Id, record.Label, record.Scope.TaskId);

        void Finish()
        {
            registry.Released(record.Id);
            publisher.Publish(record, reason, ReservationStatus.Released, client);
            then();
            RoomReturned();
        }

        if (record.Queued)
        {
            queue.Dequeue(record);
            record.Waiter?.Tell(Reply<ReservationView>.Fail(HostError.FailedPrecondition, $"reservation {record.Id} was {reason} before room returned"));
            Finish();
            return;
        }

        var scope = record.Scope;
        if (scope.IsTaskBound)
        {
            tasks.ActorOf(scope.TaskId).Tell(new TaskMsg.Release(record.Id, tag, turn.Then<TaskOutcome>(_ => Finish())));
            return;
        }

        if (!record.Pinned)
        {
            turn.Cpus[scope.Cpu].Tell(new CpuMsg.RemoveFlexible(record.Id));
            turn.Host.Linearized(tag, succeeded: true);
            Finish();
            return;
        }

        if (wasPreempted)
        {
            turn.Host.Linearized(tag, succeeded: true);
            if (record.Restoring)
            {
                // The restore may take room after all: the release is answered once that room is given back.
                record.AfterRestore = Finish;
                return;
            }

            Finish();
            return;
        }

        room.UncountCpuBound(record, tag, Finish);
    }
}
