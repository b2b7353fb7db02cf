namespace HwbpCluster.Arbitration.Registers;

/// <summary>The x86-64 DR6 status image: which slot hit (B0–B3) and single step (BS).</summary>
public static class Dr6
{
    /// <summary>BS, bit 14: the trap was a single step.</summary>
    public const ulong SingleStep = 1UL << 14;

    /// <summary>Bits that read as 1 on the real register when nothing else is set (the architectural reset value).</summary>
    public const ulong ReservedOnes = 0xFFFF0FF0;

    /// <summary>The mask of the four hit bits B0–B3.</summary>
    public const ulong HitMask = 0xF;

    /// <summary>The image for a hit on slot <paramref name="slot"/> (B<c>slot</c> set).</summary>
    public static ulong ForHit(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Dr7.Slots);
        return 1UL << slot;
    }

    /// <summary>The image for hits on the slots in <paramref name="slotMask"/> (bit n = slot n), optionally with BS.</summary>
    public static ulong ForHits(int slotMask, bool singleStep = false) =>
        ((ulong)slotMask & HitMask) | (singleStep ? SingleStep : 0);

    /// <summary>The image as the register reads: with the reserved bits set.</summary>
    public static ulong Raw(ulong image) => image | ReservedOnes;

    /// <summary>True when <paramref name="dr6"/> reports a hit on slot <paramref name="slot"/>.</summary>
    public static bool HitOn(ulong dr6, int slot) => (dr6 >> slot & 1) != 0 && slot is >= 0 and < Dr7.Slots;
}
