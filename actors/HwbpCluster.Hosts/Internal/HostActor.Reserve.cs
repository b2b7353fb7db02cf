using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Policy;
using HwbpCluster.Arbitration.Validation;

using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Reserving: the pure core's verdict on the request, then a negotiation shaped by the scope.</summary>
internal sealed partial class HostActor
{
    // Reserves whose outcome is not decided yet, by their caller's reply address (a withdrawal names the caller).
    private readonly Dictionary<IActorRef<Reply<ReservationView>>, ReservationRecord> _deciding = new(ReferenceEqualityComparer.Instance);

    private void OnReserve(HostMsg.Reserve reserve)
    {
        var command = reserve.Command;
        if (NewRecord(reserve.SessionId, command, reserve.Reply) is not { } record)
        {
            return;
        }

        record.Waiter = reserve.Reply;
        _deciding[reserve.Reply] = record;
        var tag = new Linearization("reserve", record.Id, command.Label, command.Scope.TaskId);
        Attempt(record, tag, outcome =>
        {
            if (outcome.Admitted)
            {
                Admit(record, "reserved", reserve.Reply);
            }
            else if (PreemptionPolicy.MayPreempt(record.Session.Kind, record.Pinned))
            {
                Preempt(record, outcome, [], preempted => Refused(record, command, preempted, reserve.Reply));
            }
            else
            {
                Refused(record, command, outcome, reserve.Reply);
            }
        });
    }

    // The checked request as a record with its id, or null once the caller has been told why not (a prepare shares this).
    private ReservationRecord? NewRecord(string sessionId, ReserveCommand command, IActorRef<Reply<ReservationView>> reply)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            reply.Tell(Fail<ReservationView>(HostError.NotFound, $"session {sessionId} is not open on host {_host.Name}"));
            return null;
        }

        if (command.Wait < TimeSpan.Zero || command.Wait > _host.MaxWait)
        {
            reply.Tell(Fail<ReservationView>(HostError.InvalidArgument,
                $"wait_ms ({command.Wait.TotalMilliseconds:0}) must be between 0 and this node's maximum, {_host.MaxWait.TotalMilliseconds:0}"));
            return null;
        }

        var request = new ReservationRequest(session.Info.Kind, command.Spec, command.Scope)
        {
            Pinned = command.Pinned,
            Inherit = command.Inherit,
            Privileged = session.Info.Privileged,
        };
        var validation = BreakpointValidator.ValidateReservation(Profile, request);
        if (!validation.IsValid)
        {
            reply.Tell(Rejected(validation));
            return null;
        }

        if (command.Scope.IsTaskBound && !_tasks.ContainsKey(command.Scope.TaskId))
        {
            reply.Tell(Fail<ReservationView>(HostError.NotFound, $"task {command.Scope.TaskId} does not exist on host {_host.Name}"));
            return null;
        }

        return new ReservationRecord
        {
            Id = _host.NextReservationId(),
            Session = session.Info,
            Scope = command.Scope,
            Spec = command.Spec,
            Pool = Profile.PoolOf(command.Spec.Access),
            Pinned = command.Pinned,
            Inherit = command.Inherit,
            Label = command.Label,
        };
    }

    // A request the validator refused: malformed (INVALID_ARGUMENT), or a right this session lacks (PERMISSION_DENIED).
    private static Reply<ReservationView> Rejected(ValidationResult validation) => Fail<ReservationView>(
        validation.Verdict == ValidationVerdict.Invalid ? HostError.InvalidArgument : HostError.PermissionDenied,
        $"{validation.Field} ({validation.Rule}): {validation.Message}");

    private void Admit(ReservationRecord record, string reason, IActorRef<Reply<ReservationView>> reply)
    {
        _deciding.Remove(reply);
        _reservations[record.Id] = record;
        if (record.Withdrawn)
        {
            Drop(record, "withdrawn", () => { });
            return;
        }

        if (!_sessions.ContainsKey(record.Session.SessionId))
        {
            // The session closed while this request was being decided: give the room back rather than leak it.
            Drop(record, "session-closed", () => reply.Tell(Fail<ReservationView>(
                HostError.NotFound, $"session {record.Session.SessionId} closed before reservation {record.Id} was decided")));
            return;
        }

        Publish(record, reason);
        reply.Tell(Reply<ReservationView>.Ok(record.View(_host.Name)));
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
            reply.Tell(Fail<ReservationView>(HostError.NoRoom, $"no room for {command.Spec} in {command.Scope}: {outcome.Holders}"));
        }
        else if (command.Wait > TimeSpan.Zero)
        {
            Enqueue(record, command.Wait, reply);
        }
        else
        {
            reply.Tell(Fail<ReservationView>(HostError.NoRoom, $"no room for {command.Spec} in {command.Scope}: {outcome.Holders}"));
        }
    }

    // One try at taking the record's room (or, flexible, joining the rotation); a refusal changes nothing anywhere.
    // With onHeld (a fleet prepare), the room is only held: onHeld gets, on this actor's turn, the decision to make later,
    // and done follows that decision (admitted after a commit, not after an abort).
    private void Attempt(ReservationRecord record, Linearization? tag, Action<NegotiationOutcome> done, Action<Action<bool>>? onHeld = null)
    {
        var scope = record.Scope;
        if (scope.IsTaskBound)
        {
            var bp = new TaskBp(record.Id, record.Spec, record.Pool, scope.Kind == ScopeKind.TaskOnCpu ? scope.Cpu : -1,
                record.Pinned, record.Inherit, Suspended: false, OriginalId: 0);
            Action<Action<bool>>? heldHere = onHeld is null ? null : decide => Self.Tell(new HostMsg.Continue(() => onHeld(decide)));
            _tasks[scope.TaskId].Actor.Tell(new TaskMsg.Reserve(bp, tag, Then<TaskOutcome>(o =>
                done(new NegotiationOutcome(o.Ok, o.Reason, -1))), heldHere));
            return;
        }

        if (!record.Pinned && onHeld is not null)
        {
            // A flexible reservation takes no room; it joins the rotation only once committed.
            onHeld(commit =>
            {
                if (commit)
                {
                    _host.Cpus[scope.Cpu].Tell(new CpuMsg.AddFlexible(record.Id, record.Spec, record.Pool));
                }

                done(new NegotiationOutcome(commit, commit ? string.Empty : "aborted by its coordinator", -1));
            });
            return;
        }

        if (!record.Pinned)
        {
            _host.Cpus[scope.Cpu].Tell(new CpuMsg.AddFlexible(record.Id, record.Spec, record.Pool));
            _host.Linearized(tag, succeeded: true);

            done(new NegotiationOutcome(true, string.Empty, -1));
            return;
        }

        var cpus = scope.Kind == ScopeKind.Cpu ? [scope.Cpu] : _host.AllCpus;
        var shape = new PlanShape(cpus, [LedgerChange.AddCpuBound(record.Pool, record.Id)], null)
        {
            Effect = new CpuBoundEffect(record.Id, record.Spec, record.Pool),
            Tag = tag,
            OnHeld = onHeld,
        };
        Negotiate(shape, done);
    }
}
