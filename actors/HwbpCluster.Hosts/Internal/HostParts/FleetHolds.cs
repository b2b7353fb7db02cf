using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Fleet prepare, commit and abort: a reservation whose room is held in the CPU ledgers until a coordinator outside
/// the host decides, or until the hold's deadline passes.</summary>
/// <remarks>
/// A held reservation is not in the registry (no listing, snapshot or event shows it) and nothing arms it: its CPUs hold its
/// room as a pending two-phase hold, which a later request waits for rather than being refused on its account. The pure
/// <see cref="HeldRequests"/> decides commit against expiry; the negotiation then commits or aborts on every CPU at once.
/// </remarks>
internal sealed class FleetHolds(HostTurn turn, Admission admission, RoomKeeper room)
{
    private readonly HeldRequests _book = new();
    private readonly Dictionary<long, HeldReservation> _held = [];
    private TimerHandle? _timer;

    public void OnPrepare(HostMsg.Prepare prepare)
    {
        if (prepare.Ttl <= TimeSpan.Zero)
        {
            prepare.Reply.Tell(Reply<ReservationView>.Fail(HostError.InvalidArgument, $"a hold's time to live must be positive (got {prepare.Ttl})"));
            return;
        }

        if (admission.NewRecord(prepare.SessionId, prepare.Command, prepare.Reply) is not { } record)
        {
            return;
        }

        HeldReservation? held = null;
        room.Attempt(record, tag: null, outcome =>
        {
            if (held is null)
            {
                // Refused while preparing: nothing is held anywhere. A prepare never queues nor preempts (both act before the decision).
                prepare.Reply.Tell(Reply<ReservationView>.Fail(HostError.NoRoom, $"no room for {record.Spec} in {record.Scope}: {outcome.Holders}"));
                return;
            }

            held.Then(outcome);
        }, decide =>
        {
            held = new HeldReservation(record, decide);
            _held[record.Id] = held;
            _book.Hold(record.Id, turn.Now + prepare.Ttl);
            ScheduleExpiry();
            prepare.Reply.Tell(Reply<ReservationView>.Ok(record.View(turn.Name)));
        });
    }

    public void OnCommit(HostMsg.Commit commit)
    {
        if (!Take(commit.SessionId, commit.Id, out var held))
        {
            commit.Reply.Tell(Reply<ReservationView>.Fail(HostError.Aborted,
                $"session {commit.SessionId} holds no reservation {commit.Id} on host {turn.Name} (aborted or expired)"));
            return;
        }

        if (_book.Commit(commit.Id, turn.Now) != HoldVerdict.Commit)
        {
            held.Then = _ => commit.Reply.Tell(Reply<ReservationView>.Fail(HostError.Aborted,
                $"the hold of reservation {commit.Id} on host {turn.Name} expired before its commit"));
            held.Decide(false);
            ScheduleExpiry();
            return;
        }

        held.Then = outcome =>
        {
            if (outcome.Admitted)
            {
                admission.Admit(held.Record, "reserved", commit.Reply);
            }
            else
            {
                commit.Reply.Tell(Reply<ReservationView>.Fail(HostError.Aborted, $"reservation {commit.Id} on host {turn.Name}: {outcome.Holders}"));
            }
        };
        held.Decide(true);
        ScheduleExpiry();
    }

    public void OnAbort(HostMsg.Abort abort)
    {
        if (!Take(abort.SessionId, abort.Id, out var held))
        {
            abort.Reply.Tell(Reply<bool>.Ok(false));
            return;
        }

        _book.Abort(abort.Id);
        held.Then = _ => abort.Reply.Tell(Reply<bool>.Ok(true));
        held.Decide(false);
        ScheduleExpiry();
    }

    public void OnExpire()
    {
        _timer = null;
        foreach (var id in _book.Expire(turn.Now))
        {
            if (_held.Remove(id, out var held))
            {
                held.Decide(false);
            }
        }

        ScheduleExpiry();
    }

    /// <summary>A closing session's holds are aborted with it: no coordinator can commit for a session that is gone.</summary>
    public void AbortAllOf(string sessionId)
    {
        foreach (var held in _held.Values.Where(h => h.Record.Session.SessionId == sessionId).ToArray())
        {
            _held.Remove(held.Record.Id);
            _book.Abort(held.Record.Id);
            held.Decide(false);
        }

        ScheduleExpiry();
    }

    private bool Take(string sessionId, long id, out HeldReservation held)
    {
        if (_held.TryGetValue(id, out held!) && held.Record.Session.SessionId == sessionId)
        {
            _held.Remove(id);
            return true;
        }

        return false;
    }

    // One timer for the earliest deadline; re-armed after every change of the book.
    private void ScheduleExpiry()
    {
        _timer?.Cancel();
        _timer = _book.NextDeadline is { } deadline
            ? turn.Schedule(deadline > turn.Now ? deadline - turn.Now : TimeSpan.Zero, new HostMsg.HoldsExpire())
            : null;
    }

    private sealed class HeldReservation(ReservationRecord record, Action<bool> decide)
    {
        public ReservationRecord Record { get; } = record;

        /// <summary>Commits (true) or aborts (false) the held room on every CPU; takes effect once.</summary>
        public Action<bool> Decide { get; } = decide;

        /// <summary>What to do once the decision has been carried out (answer the commit or abort); nothing for an expiry.</summary>
        public Action<NegotiationOutcome> Then { get; set; } = _ => { };
    }
}
