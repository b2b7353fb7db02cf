using HwbpCluster.Arbitration;
using X86Dr7 = HwbpCluster.Arbitration.Registers.Dr7;

namespace HwbpCluster.Hosts.Backends;

/// <summary>The simulated register file: per CPU, the spec armed in each slot and (x86-64) the DR0–DR3/DR7 images.</summary>
/// <remarks>Each CPU's row is written only by that CPU's actor, so rows need no lock; reading a row from elsewhere is a snapshot.</remarks>
public sealed class SimulatedRegisterBackend : IRegisterBackend
{
    private readonly ArchProfile _profile;
    private readonly BreakpointSpec?[][] _slots;
    private readonly ulong[] _address;
    private readonly ulong[] _dr7;

    /// <summary>Creates the register file of every CPU of <paramref name="profile"/>, all slots free.</summary>
    public SimulatedRegisterBackend(ArchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        var perCpu = profile.InstructionSlots + profile.DataSlots;
        _slots = new BreakpointSpec?[profile.CpuCount][];
        for (var cpu = 0; cpu < _slots.Length; cpu++)
        {
            _slots[cpu] = new BreakpointSpec?[perCpu];
        }

        _address = new ulong[profile.CpuCount * X86Dr7.Slots];
        _dr7 = new ulong[profile.CpuCount];
    }

    /// <inheritdoc/>
    public bool TryArm(int cpu, int slot, long reservationId, BreakpointSpec spec, out string reason)
    {
        _slots[cpu][slot] = spec;
        Refresh(cpu, slot);
        reason = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public void Disarm(int cpu, int slot)
    {
        _slots[cpu][slot] = null;
        Refresh(cpu, slot);
    }

    /// <inheritdoc/>
    public ulong Dr7(int cpu) => Volatile.Read(ref _dr7[cpu]);

    /// <summary>The DRn address image of <paramref name="cpu"/> (x86-64; 0 when the slot is free).</summary>
    public ulong DebugAddress(int cpu, int slot) => _address[(cpu * X86Dr7.Slots) + slot];

    /// <summary>What slot <paramref name="slot"/> of <paramref name="cpu"/> holds now, or null.</summary>
    public BreakpointSpec? Armed(int cpu, int slot) => _slots[cpu][slot];

    private void Refresh(int cpu, int slot)
    {
        if (!_profile.SharedPool)
        {
            return;
        }

        _address[(cpu * X86Dr7.Slots) + slot] = _slots[cpu][slot]?.Address ?? 0;
        Volatile.Write(ref _dr7[cpu], X86Dr7.Encode(_slots[cpu]));
    }
}
