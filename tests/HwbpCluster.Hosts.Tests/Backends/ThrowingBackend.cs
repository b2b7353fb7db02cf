using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Backends;

namespace HwbpCluster.Hosts.Tests.Backends;

/// <summary>A simulated backend with a bug: arming one address throws, which fails the CPU actor in the middle of a commit.</summary>
internal sealed class ThrowingBackend(ArchProfile profile, ulong brokenAddress) : IRegisterBackend
{
    private readonly SimulatedRegisterBackend _inner = new(profile);

    public bool TryArm(int cpu, int slot, long reservationId, BreakpointSpec spec, out string reason) => spec.Address == brokenAddress
        ? throw new InvalidOperationException($"backend bug arming {spec} on cpu {cpu}")
        : _inner.TryArm(cpu, slot, reservationId, spec, out reason);

    public void Disarm(int cpu, int slot) => _inner.Disarm(cpu, slot);

    public ulong Dr7(int cpu) => _inner.Dr7(cpu);
}
