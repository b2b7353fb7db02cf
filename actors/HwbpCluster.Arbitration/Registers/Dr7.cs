namespace HwbpCluster.Arbitration.Registers;

/// <summary>The x86-64 DR7 control image for a slot file, as Linux writes it (global enables and GE).</summary>
/// <remarks>
/// Slot n: local enable bit 2n, global enable bit 2n+1; a 4-bit field at bit 16 + 4n whose low two bits are R/W
/// (00 execute, 01 write, 11 read/write) and high two bits LEN (00 = 1, 01 = 2, 11 = 4, 10 = 8 bytes; 00 for execute).
/// Linux sets the global enable bits and GE (bit 9, 0x200). Example: slot 0, write, 4 bytes → 0x000D0202.
/// </remarks>
public static class Dr7
{
    /// <summary>Number of address slots (DR0–DR3).</summary>
    public const int Slots = 4;

    /// <summary>GE, the global exact-breakpoint bit Linux sets whenever a slot is enabled.</summary>
    public const ulong GlobalExact = 0x200;

    /// <summary>The DR7 image for the slot file <paramref name="slots"/> (index = slot; null = empty); 0 when all are empty.</summary>
    /// <exception cref="ArgumentException">More than 4 slots, or a spec x86 cannot encode (READ alone, bad length).</exception>
    public static ulong Encode(ReadOnlySpan<BreakpointSpec?> slots)
    {
        if (slots.Length > Slots)
        {
            throw new ArgumentException($"x86-64 has {Slots} debug address registers, got {slots.Length} slots", nameof(slots));
        }

        ulong dr7 = 0;
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (slots[slot] is { } spec)
            {
                dr7 |= SlotBits(slot, spec);
            }
        }

        return dr7 == 0 ? 0 : dr7 | GlobalExact;
    }

    /// <summary>The bits slot <paramref name="slot"/> contributes for <paramref name="spec"/>: global enable and its R/W–LEN field.</summary>
    public static ulong SlotBits(int slot, BreakpointSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Slots);
        var field = (ulong)((LengthCode(spec) << 2) | RwCode(spec.Access));
        return (1UL << ((2 * slot) + 1)) | (field << (16 + (4 * slot)));
    }

    /// <summary>True when slot <paramref name="slot"/> is enabled (local or global) in <paramref name="dr7"/>.</summary>
    public static bool IsEnabled(ulong dr7, int slot) => (dr7 >> (2 * slot) & 0b11) != 0;

    /// <summary>Decodes slot <paramref name="slot"/>'s access kind and length from <paramref name="dr7"/> (execute reports length 1).</summary>
    public static (Access Access, int Length) Decode(ulong dr7, int slot)
    {
        var field = (int)(dr7 >> (16 + (4 * slot))) & 0xF;
        var access = (field & 0b11) switch
        {
            0b00 => Access.Execute,
            0b01 => Access.Write,
            0b11 => Access.ReadWrite,
            _ => throw new ArgumentException("R/W 10 (I/O breakpoints) is not used", nameof(dr7)),
        };
        var length = (field >> 2) switch
        {
            0b00 => 1,
            0b01 => 2,
            0b11 => 4,
            _ => 8,
        };
        return (access, access == Access.Execute ? 1 : length);
    }

    private static int RwCode(Access access) => access switch
    {
        Access.Execute => 0b00,
        Access.Write => 0b01,
        Access.ReadWrite => 0b11,
        _ => throw new ArgumentException("x86-64 cannot trap reads alone; use READ_WRITE", nameof(access)),
    };

    private static int LengthCode(BreakpointSpec spec) => spec.Access == Access.Execute ? 0b00 : spec.Length switch
    {
        1 => 0b00,
        2 => 0b01,
        4 => 0b11,
        8 => 0b10,
        _ => throw new ArgumentException($"x86-64 watchpoints take length 1, 2, 4 or 8, got {spec.Length}", nameof(spec)),
    };
}
