using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Policy;
using HwbpCluster.Arbitration.Validation;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Reserving: the pure core's verdict on the request, one try at its room, then kgdb preemption or the queue; and withdrawals.</summary>
/// <remarks>
/// A reservation decided after its session closed is released at once; one whose caller stopped waiting (withdrawn) gives
/// back whatever it got, since its caller never learned its id.
/// </remarks>
internal sealed class Admission(
    HostTurn turn, SessionTable sessions, ReservationRegistry registry, TaskTable tasks, RoomKeeper room, Preemption preemption,
    WaitingRoom queue, Releases releases, EventPublisher publisher)
{
    // Reserves whose outcome is not decided yet, by their caller's reply address (a withdrawal names the caller).
    private readonly Dictionary<IActorRef<Reply<ReservationView>>, ReservationRecord> _deciding = new(ReferenceEqualityComparer.Instance);

    public void OnReserve(HostMsg.Reserve reserve)
    {
        var command = reserve.Command;
        if (NewRecord(reserve.SessionId, command, reserve.Reply) is not { } record)
        {
            return;
        }

        record.Waiter = reserve.Reply;
        _deciding[reserve.Reply] = record;
        var tag = new Linearization("reserve", record.Id, command.Label, command.Scope.TaskId);
        room.Attempt(record, tag, outcome =>
        {
            if (outcome.Admitted)
            {
                Admit(record, "reserved", reserve.Reply);
            }
            else if (PreemptionPolicy.MayPreempt(record.Session.Kind, record.Pinned))
            {
                preemption.Preempt(record, outcome, preempted => Refused(record, command, preempted, reserve.Reply));
            }
            else
            {
                Refused(record, command, outcome, reserve.Reply);
            }
        });
    }

    /// <summary>The checked request as a record with its id, or null once the caller has been told why not (a fleet prepare shares this).</summary>
    public ReservationRecord? NewRecord(string sessionId, ReserveCommand command, IActorRef<Reply<ReservationView>> reply)
    {
        if (command.Scope.Kind == Arbitration.ScopeKind.Process)
        {
            // Reserve expands a process scope into task reservations before it comes here (OnProcessTasks); a fleet
            // prepare cannot: its tasks fork and exit while the hold waits for the fleet's decision.
            reply.Tell(Reply<ReservationView>.Fail(HostError.FailedPrecondition,
                "a process scope is reserved with Reserve on one host; a fleet reservation cannot hold one"));
            return null;
        }

        return Checked(sessionId, command, (error, message) => reply.Tell(Reply<ReservationView>.Fail(error, message))) is { } session
            ? NewRecord(session, command)
            : null;
    }

    /// <summary>A process scope: the pure core's verdict for this session, then the tasks it covers now (empty when none).</summary>
    public void OnProcessTasks(HostMsg.ProcessTasks ask)
    {
        if (Checked(ask.SessionId, ask.Command, (error, message) => ask.Reply.Tell(Reply<IReadOnlyList<long>>.Fail(error, message))) is null)
        {
            return;
        }

        ask.Reply.Tell(Reply<IReadOnlyList<long>>.Ok(tasks.ProcessTasks(ask.Command.Scope.ProcessId)));
    }

    // The session, once the request passed the host's and the pure core's checks; null once the caller has been told why not.
    private OpenSession? Checked(string sessionId, ReserveCommand command, Action<HostError, string> fail)
    {
        if (!sessions.TryGet(sessionId, out var session))
        {
            fail(HostError.NotFound, $"session {sessionId} is not open on host {turn.Name}");
            return null;
        }

        if (command.Wait < TimeSpan.Zero || command.Wait > turn.Host.MaxWait)
        {
            fail(HostError.InvalidArgument,
                $"wait_ms ({command.Wait.TotalMilliseconds:0}) must be between 0 and this node's maximum, {turn.Host.MaxWait.TotalMilliseconds:0}");
            return null;
        }

        var request = new ReservationRequest(session.Info.Kind, command.Spec, command.Scope)
        {
            Pinned = command.Pinned,
            Inherit = command.Inherit,
            Privileged = session.Info.Privileged,
            MayWait = command.Wait > TimeSpan.Zero,
        };
        var validation = BreakpointValidator.ValidateReservation(turn.Profile, request);
        if (!validation.IsValid)
        {
            var rejected = Rejected(validation);
            fail(rejected.Error!.Value, rejected.Message);
            return null;
        }

        if (command.Scope.IsTaskBound && !tasks.Exists(command.Scope.TaskId))
        {
            fail(HostError.NotFound, $"task {command.Scope.TaskId} does not exist on host {turn.Name}");
            return null;
        }

        return session;
    }

    private ReservationRecord NewRecord(OpenSession session, ReserveCommand command)
    {
        var id = turn.Host.NextReservationId();

        // The first task reservation of a process reservation names the group: its id is the one the client is given.
        var process = command.Process is { Group: 0 } first ? first with { Group = id } : command.Process;
        return new()
        {
            Id = id,
            Session = session.Info,
            Scope = command.Scope,
            Spec = command.Spec,
            Pool = turn.Profile.PoolOf(command.Spec.Access),
            Pinned = command.Pinned,
            Inherit = command.Inherit,
            Label = command.Label,
            Process = process,
        };
    }

    /// <summary>A request the validator refused: malformed (INVALID_ARGUMENT), or a right this session lacks (PERMISSION_DENIED).</summary>
    public static Reply<ReservationView> Rejected(ValidationResult validation) => Reply<ReservationView>.Fail(
        validation.Verdict == ValidationVerdict.Invalid ? HostError.InvalidArgument : HostError.PermissionDenied,
        $"{validation.Field} ({validation.Rule}): {validation.Message}");

    /// <summary>The record took its room: it becomes live and its caller learns it, unless it was withdrawn or its session closed.</summary>
    public void Admit(ReservationRecord record, string reason, IActorRef<Reply<ReservationView>> reply)
    {
        _deciding.Remove(reply);
        registry.Put(record);
        if (record.Withdrawn)
        {
            releases.Drop(record, "withdrawn", () => { });
            return;
        }

        if (!sessions.IsOpen(record.Session.SessionId))
        {
            // The session closed while this request was being decided: give the room back rather than leak it.
            releases.Drop(record, "session-closed", () => reply.Tell(Reply<ReservationView>.Fail(
                HostError.NotFound, $"session {record.Session.SessionId} closed before reservation {record.Id} was decided")));
            return;
        }

        publisher.Publish(record, reason);
        reply.Tell(Reply<ReservationView>.Ok(record.View(turn.Name)));
    }

    // The caller is gone: a request being decided or tried gives back what it gets when it ends; a queued one leaves the
    // queue; a granted one (its answer crossed the withdrawal) is released, since its caller never learned its id.
    public void OnWithdraw(IActorRef<Reply<ReservationView>> reply)
    {
        if (_deciding.TryGetValue(reply, out var deciding))
        {
            deciding.Withdrawn = true;
            return;
        }

        var record = registry.WaitedForBy(reply);
        if (record is null)
        {
            return;
        }

        if (record.Queued && queue.IsBeingTried(record.Id))
        {
            record.Withdrawn = true;
        }
        else if (record.Queued)
        {
            queue.Leave(record, "withdrawn");
        }
        else
        {
            releases.Drop(record, "withdrawn", () => { });
        }
    }

    private void Refused(ReservationRecord record, ReserveCommand command, NegotiationOutcome outcome, IActorRef<Reply<ReservationView>> reply)
    {
        _deciding.Remove(reply);
        if (outcome.Admitted)
        {
            Admit(record, "reserved", reply);
        }
        else if (record.Withdrawn)
        {
            reply.Tell(Reply<ReservationView>.Fail(HostError.NoRoom, $"no room for {command.Spec} in {command.Scope}: {outcome.Holders}"));
        }
        else if (command.Wait > TimeSpan.Zero)
        {
            queue.Enqueue(record, command.Wait, reply);
        }
        else
        {
            reply.Tell(Reply<ReservationView>.Fail(HostError.NoRoom, $"no room for {command.Spec} in {command.Scope}: {outcome.Holders}"));
        }
    }
}
