namespace HwbpCluster.Arbitration.Registers;

/// <summary>arm64 breakpoint and watchpoint control values (DBGBCR_EL1 / DBGWCR_EL1) and aligned value registers.</summary>
/// <remarks>
/// Control layout as Linux writes it: bit 0 enable; bits 1–2 PMC privilege (01 = EL1 kernel, 10 = EL0 user); bits 3–4 LSC
/// for watchpoints (01 load, 10 store, 11 both; 00 for breakpoints); bits 5–12 BAS, the byte-address-select mask of the
/// watched bytes within the aligned word (breakpoints) or doubleword (watchpoints); bit 13 HMC when the kernel runs at EL2.
/// </remarks>
public static class Arm64Control
{
    /// <summary>Bit 0: the slot is enabled.</summary>
    public const uint Enable = 1;

    /// <summary>PMC value for kernel (EL1) breakpoints, in bits 1–2.</summary>
    public const uint PrivilegeEl1 = 1;

    /// <summary>PMC value for user (EL0) breakpoints, in bits 1–2.</summary>
    public const uint PrivilegeEl0 = 2;

    /// <summary>LSC bit for loads, in bits 3–4.</summary>
    public const uint Load = 1;

    /// <summary>LSC bit for stores, in bits 3–4.</summary>
    public const uint Store = 2;

    /// <summary>HMC, bit 13, set with EL1 privilege when the kernel runs in hypervisor mode (VHE).</summary>
    public const uint HypModeControl = 1u << 13;

    /// <summary>Encodes a validated spec; kernel privilege when its range reaches <paramref name="profile"/>'s kernel space.</summary>
    public static Arm64Slot Encode(ArchProfile profile, BreakpointSpec spec, bool enabled = true, bool kernelInHypMode = false)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var length = spec.Access == Access.Execute ? 4 : spec.Length;
        return Encode(spec, profile.IsKernelRange(spec.Address, length), enabled, kernelInHypMode);
    }

    /// <summary>Encodes a validated spec with the given privilege.</summary>
    /// <exception cref="ArgumentException">The spec does not fit arm64's byte-address-select (validate first).</exception>
    public static Arm64Slot Encode(BreakpointSpec spec, bool kernel, bool enabled = true, bool kernelInHypMode = false)
    {
        var execute = spec.Access == Access.Execute;
        var alignment = execute ? 4UL : 8UL;
        var offset = (int)(spec.Address % alignment);
        var length = execute ? 4 : spec.Length;
        if (length < 1 || offset + length > (int)alignment)
        {
            throw new ArgumentException($"{spec} does not fit one aligned {alignment}-byte block", nameof(spec));
        }

        var bas = ((1u << length) - 1) << offset;
        var privilege = kernel ? PrivilegeEl1 : PrivilegeEl0;
        var control = (bas << 5) | (LoadStore(spec.Access) << 3) | (privilege << 1) | (enabled ? Enable : 0);
        if (kernel && kernelInHypMode)
        {
            control |= HypModeControl;
        }

        return new Arm64Slot(execute ? Pool.Instruction : Pool.Data, spec.Address - (ulong)offset, control);
    }

    private static uint LoadStore(Access access) => access switch
    {
        Access.Read => Load,
        Access.Write => Store,
        Access.ReadWrite => Load | Store,
        _ => 0,
    };
}
