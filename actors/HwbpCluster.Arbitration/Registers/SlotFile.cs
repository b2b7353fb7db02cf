namespace HwbpCluster.Arbitration.Registers;

/// <summary>Which reservation sits in which physical slot of one pool on one CPU (DR0–DR3, or arm64 BVR/WVR n).</summary>
/// <remarks>
/// <see cref="Arrange"/> keeps every reservation that stays armed in the slot it already has and puts newcomers in the lowest
/// free slots, so a context switch or a rotation rewrites only the registers that really change. Not thread-safe.
/// </remarks>
public sealed class SlotFile
{
    private readonly long[] _slots;

    /// <summary>Creates an empty slot file of <paramref name="slots"/> slots (0 = empty).</summary>
    public SlotFile(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, ArchProfile.MaxSlotsPerPool);
        _slots = new long[slots];
    }

    /// <summary>Number of slots.</summary>
    public int Slots => _slots.Length;

    /// <summary>The reservation in <paramref name="slot"/>, or 0 when it is empty.</summary>
    public long this[int slot] => _slots[slot];

    /// <summary>The slot holding <paramref name="reservationId"/>, or -1.</summary>
    public int SlotOf(long reservationId) => reservationId == 0 ? -1 : Array.IndexOf(_slots, reservationId);

    /// <summary>Arms exactly <paramref name="wanted"/>; returns the slots whose content changed, in slot order.</summary>
    /// <exception cref="ArgumentException">More reservations than slots, or a reservation id of 0.</exception>
    public IReadOnlyList<(int Slot, long Before, long After)> Arrange(IReadOnlyCollection<long> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (wanted.Count > _slots.Length || wanted.Contains(0))
        {
            throw new ArgumentException($"cannot arm {wanted.Count} reservations in {_slots.Length} slots", nameof(wanted));
        }

        var next = new long[_slots.Length];
        var newcomers = new List<long>();
        foreach (var id in wanted)
        {
            var slot = SlotOf(id);
            if (slot >= 0)
            {
                next[slot] = id;
            }
            else
            {
                newcomers.Add(id);
            }
        }

        var free = 0;
        foreach (var id in newcomers)
        {
            while (next[free] != 0)
            {
                free++;
            }

            next[free] = id;
        }

        var changes = new List<(int, long, long)>();
        for (var slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] != next[slot])
            {
                changes.Add((slot, _slots[slot], next[slot]));
                _slots[slot] = next[slot];
            }
        }

        return changes;
    }
}
