using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>KVM borrows: the guest takes a CPU's registers; the host's reservations there are suspended, then restored exactly.</summary>
internal sealed class GuestBorrows(HostTurn turn, SessionTable sessions, ReservationRegistry registry, EventPublisher publisher)
{
    private readonly Dictionary<int, string> _borrower = [];
    private readonly Dictionary<int, long[]> _suspended = [];

    public void OnEnter(HostMsg.EnterGuest enter)
    {
        if (Refusal(enter) is { } refusal)
        {
            enter.Reply.Tell(refusal);
            return;
        }

        turn.Cpus[enter.Cpu].Tell(new CpuMsg.EnterGuest(enter.SessionId, enter.Guest, turn.Then<Reply<IReadOnlyList<long>>>(reply =>
        {
            if (reply.Error is null)
            {
                _borrower[enter.Cpu] = enter.SessionId;
                _suspended[enter.Cpu] = reply.Value!.ToArray();
                foreach (var id in reply.Value!)
                {
                    if (registry.TryGet(id, out var record) && record.GuestCpus.Add(enter.Cpu))
                    {
                        publisher.Publish(record, "guest-enter");
                    }
                }
            }

            enter.Reply.Tell(reply);
        })));
    }

    public void OnExit(HostMsg.ExitGuest exit)
    {
        if (turn.NoSuchCpu(exit.Cpu) is { } noCpu)
        {
            exit.Reply.Tell(Reply<IReadOnlyList<long>>.Fail(HostError.NotFound, noCpu));
            return;
        }

        turn.Cpus[exit.Cpu].Tell(new CpuMsg.ExitGuest(exit.SessionId, turn.Then<Reply<IReadOnlyList<long>>>(reply =>
        {
            Left(exit.Cpu, reply);
            exit.Reply.Tell(reply);
        })));
    }

    /// <summary>A closing session's guests leave every CPU they borrowed.</summary>
    public void LeaveAllOf(string sessionId)
    {
        foreach (var (cpu, borrower) in _borrower.ToArray())
        {
            if (borrower == sessionId)
            {
                turn.Cpus[cpu].Tell(new CpuMsg.ExitGuest(sessionId, turn.Then<Reply<IReadOnlyList<long>>>(r => Left(cpu, r))));
            }
        }
    }

    private Reply<IReadOnlyList<long>>? Refusal(HostMsg.EnterGuest enter)
    {
        if (!sessions.TryGet(enter.SessionId, out var session))
        {
            return Reply<IReadOnlyList<long>>.Fail(HostError.NotFound, $"session {enter.SessionId} is not open on host {turn.Name}");
        }

        if (session.Info.Kind != ClientKind.Kvm)
        {
            return Reply<IReadOnlyList<long>>.Fail(HostError.PermissionDenied, "kind (kvm-only): only KVM sessions borrow a CPU for a guest");
        }

        if (turn.NoSuchCpu(enter.Cpu) is { } noCpu)
        {
            return Reply<IReadOnlyList<long>>.Fail(HostError.NotFound, noCpu);
        }

        foreach (var spec in enter.Guest)
        {
            var validation = BreakpointValidator.ValidateSpec(turn.Profile, spec);
            if (!validation.IsValid)
            {
                return Reply<IReadOnlyList<long>>.Fail(HostError.InvalidArgument,
                    $"guestBreakpoints.{validation.Field} ({validation.Rule}): {validation.Message}");
            }
        }

        return null;
    }

    private void Left(int cpu, Reply<IReadOnlyList<long>> reply)
    {
        if (reply.Error is not null)
        {
            return;
        }

        _borrower.Remove(cpu);
        if (_suspended.Remove(cpu, out var suspended))
        {
            foreach (var id in suspended)
            {
                if (registry.TryGet(id, out var record) && record.GuestCpus.Remove(cpu))
                {
                    publisher.Publish(record, "guest-exit");
                }
            }
        }
    }
}
