using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Releasing one reservation, or all of a session's; room that returns resumes suspended ones, then serves the queue.</summary>
internal sealed partial class HostActor
{
    // Being released: a fork its task actor handles before the release still copies it, so its origin must stay known.
    private readonly Dictionary<long, ReservationRecord> _releasing = [];

    private void OnRelease(HostMsg.Release release)
    {
        if (!_reservations.TryGetValue(release.Id, out var record) || record.Session.SessionId != release.SessionId)
        {
            release.Reply.Tell(Fail<bool>(HostError.NotFound, $"session {release.SessionId} holds no reservation {release.Id} on host {_host.Name}"));
            return;
        }

        Drop(record, "released", () => release.Reply.Tell(Reply<bool>.Ok(true)));
    }

    private void OnClose(HostMsg.CloseSession close)
    {
        if (!_sessions.Remove(close.SessionId, out var session))
        {
            close.Reply.Tell(Fail<int>(HostError.NotFound, $"session {close.SessionId} is not open on host {_host.Name}"));
            return;
        }

        AbortHeldOf(close.SessionId);

        foreach (var (cpu, borrower) in _borrowed.ToArray())
        {
            if (borrower == close.SessionId)
            {
                _host.Cpus[cpu].Tell(new CpuMsg.ExitGuest(close.SessionId, Then<Reply<IReadOnlyList<long>>>(r => GuestLeft(cpu, r))));
            }
        }

        var records = _reservations.Values.Where(r => r.Session.SessionId == close.SessionId).OrderBy(r => r.Id).ToArray();
        var left = records.Length;
        if (left == 0)
        {
            session.Client.Tell(new ClientMsg.Close());
            close.Reply.Tell(Reply<int>.Ok(0));
            return;
        }

        foreach (var record in records)
        {
            Drop(record, close.Reason, () =>
            {
                if (--left == 0)
                {
                    session.Client.Tell(new ClientMsg.Close());
                    close.Reply.Tell(Reply<int>.Ok(records.Length));
                }
            }, session.Client);
        }
    }

    // Takes the record out of the registry now (a second release is NotFound), gives back its room, then reports.
    private void Drop(ReservationRecord record, string reason, Action then, IActorRef<ClientMsg>? client = null)
    {
        _reservations.Remove(record.Id);
        record.Dropped = true;
        _releasing[record.Id] = record;
        var wasPreempted = _preempted.Remove(record.Id);
        var tag = new Linearization("release", record.Id, record.Label, record.Scope.TaskId);

        void Finish()
        {
            _releasing.Remove(record.Id);
            var view = record.View(_host.Name, ReservationStatus.Released);
            (client ?? SessionClient(record))?.Tell(new ClientMsg.Event(new ReservationEvent(view, reason, Now)));
            then();
            Settle();
        }

        if (record.Queued)
        {
            Dequeue(record);
            record.Waiter?.Tell(Fail<ReservationView>(HostError.FailedPrecondition, $"reservation {record.Id} was {reason} before room returned"));
            Finish();
            return;
        }

        var scope = record.Scope;
        if (scope.IsTaskBound)
        {
            TaskActorOf(scope.TaskId).Tell(new TaskMsg.Release(record.Id, tag, Then<TaskOutcome>(_ => Finish())));
            return;
        }

        if (!record.Pinned)
        {
            _host.Cpus[scope.Cpu].Tell(new CpuMsg.RemoveFlexible(record.Id));
            _host.Linearized(tag, succeeded: true);
            Finish();
            return;
        }

        if (wasPreempted)
        {
            _host.Linearized(tag, succeeded: true);
            Finish();
            return;
        }

        UncountCpuBound(record, tag, Finish);
    }

    private void UncountCpuBound(ReservationRecord record, Linearization? tag, Action then)
    {
        if (record.Scope.Kind == ScopeKind.Cpu)
        {
            _host.Cpus[record.Scope.Cpu].Tell(new CpuMsg.ReleaseCpuBound(record.Id, record.Pool, tag, Then<bool>(_ => then())));
            return;
        }

        // Wide: the decrease is marked on every CPU before it applies anywhere, so no CPU refuses on a count already leaving.
        var shape = new PlanShape(_host.AllCpus, null, [[LedgerChange.RemoveCpuBound(record.Pool, record.Id)]])
        {
            Effect = new CpuBoundEffect(record.Id, null, record.Pool),
            Tag = tag,
        };
        Negotiate(shape, _ => then());
    }

    // A try that was in flight when the record was dropped took room after all: give it back.
    private void GiveBack(ReservationRecord record, Action then)
    {
        if (!record.Scope.IsTaskBound)
        {
            UncountCpuBound(record, null, then);
        }
        else if (_tasks.TryGetValue(record.Scope.TaskId, out var task))
        {
            task.Actor.Tell(new TaskMsg.Release(record.Id, null, Then<TaskOutcome>(_ => then())));
        }
        else
        {
            then();
        }
    }

    private IActorRef<ClientMsg>? SessionClient(ReservationRecord record) =>
        _sessions.TryGetValue(record.Session.SessionId, out var session) ? session.Client : null;
}
