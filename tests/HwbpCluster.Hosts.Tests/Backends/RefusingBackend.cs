using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Backends;

namespace HwbpCluster.Hosts.Tests.Backends;

/// <summary>A simulated backend whose slots at one address are taken by someone outside our accounting (as ENOSPC would say).</summary>
internal sealed class RefusingBackend(ArchProfile profile, ulong takenAddress) : IRegisterBackend
{
    private readonly SimulatedRegisterBackend _inner = new(profile);

    public bool TryArm(int cpu, int slot, long reservationId, BreakpointSpec spec, out string reason)
    {
        if (spec.Address == takenAddress)
        {
            reason = "ENOSPC: the slot is held by a perf user outside HwbpCluster";
            return false;
        }

        return _inner.TryArm(cpu, slot, reservationId, spec, out reason);
    }

    public void Disarm(int cpu, int slot) => _inner.Disarm(cpu, slot);

    public ulong Dr7(int cpu) => _inner.Dr7(cpu);
}
