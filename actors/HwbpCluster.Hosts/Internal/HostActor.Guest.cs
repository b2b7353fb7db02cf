using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Hosts.Internal;

/// <summary>KVM borrows: the guest takes a CPU's registers; the host's reservations there are suspended, then restored exactly.</summary>
internal sealed partial class HostActor
{
    private readonly Dictionary<int, string> _borrowed = [];
    private readonly Dictionary<int, long[]> _guestSuspended = [];

    private void OnEnterGuest(HostMsg.EnterGuest enter)
    {
        if (!_sessions.TryGetValue(enter.SessionId, out var session))
        {
            enter.Reply.Tell(Fail<IReadOnlyList<long>>(HostError.NotFound, $"session {enter.SessionId} is not open on host {_host.Name}"));
            return;
        }

        if (session.Info.Kind != ClientKind.Kvm)
        {
            enter.Reply.Tell(Fail<IReadOnlyList<long>>(HostError.PermissionDenied, "kind (kvm-only): only KVM sessions borrow a CPU for a guest"));
            return;
        }

        if (NoSuchCpu(enter.Cpu) is { } noCpu)
        {
            enter.Reply.Tell(Fail<IReadOnlyList<long>>(HostError.NotFound, noCpu));
            return;
        }

        foreach (var spec in enter.Guest)
        {
            var validation = BreakpointValidator.ValidateSpec(Profile, spec);
            if (!validation.IsValid)
            {
                enter.Reply.Tell(Fail<IReadOnlyList<long>>(HostError.InvalidArgument, $"guestBreakpoints.{validation.Field} ({validation.Rule}): {validation.Message}"));
                return;
            }
        }

        _host.Cpus[enter.Cpu].Tell(new CpuMsg.EnterGuest(enter.SessionId, enter.Guest, Then<Reply<IReadOnlyList<long>>>(reply =>
        {
            if (reply.Error is null)
            {
                _borrowed[enter.Cpu] = enter.SessionId;
                _guestSuspended[enter.Cpu] = reply.Value!.ToArray();
                foreach (var id in reply.Value!)
                {
                    if (_reservations.TryGetValue(id, out var record) && record.GuestCpus.Add(enter.Cpu))
                    {
                        Publish(record, "guest-enter");
                    }
                }
            }

            enter.Reply.Tell(reply);
        })));
    }

    private void OnExitGuest(HostMsg.ExitGuest exit)
    {
        if (NoSuchCpu(exit.Cpu) is { } noCpu)
        {
            exit.Reply.Tell(Fail<IReadOnlyList<long>>(HostError.NotFound, noCpu));
            return;
        }

        _host.Cpus[exit.Cpu].Tell(new CpuMsg.ExitGuest(exit.SessionId, Then<Reply<IReadOnlyList<long>>>(reply =>
        {
            GuestLeft(exit.Cpu, reply);
            exit.Reply.Tell(reply);
        })));
    }

    private void GuestLeft(int cpu, Reply<IReadOnlyList<long>> reply)
    {
        if (reply.Error is not null)
        {
            return;
        }

        _borrowed.Remove(cpu);
        if (_guestSuspended.Remove(cpu, out var suspended))
        {
            foreach (var id in suspended)
            {
                if (_reservations.TryGetValue(id, out var record) && record.GuestCpus.Remove(cpu))
                {
                    Publish(record, "guest-exit");
                }
            }
        }
    }
}
