namespace HwbpCluster.Hosts;

/// <summary>One CPU's slot file and accounting.</summary>
/// <param name="Cpu">The CPU.</param>
/// <param name="Slots">Every slot (instruction pool first on split-pool arches), armed or free.</param>
/// <param name="Dr7">x86 DR7 image of the armed slots (0 on other arches).</param>
/// <param name="CpuPinned">CPU-bound reservations accounted here (all pools).</param>
/// <param name="MaxTaskPinned">The most task-bound reservations one task has here (all pools).</param>
/// <param name="RunningTid">The task running now, 0 when idle.</param>
/// <param name="BorrowedBySession">The KVM session whose guest holds the registers, or empty.</param>
public sealed record CpuSnapshot(int Cpu, IReadOnlyList<SlotSnapshot> Slots, ulong Dr7, int CpuPinned, int MaxTaskPinned, long RunningTid,
    string BorrowedBySession)
{
    /// <summary>Slots the kernel refused although the accounting left them free: held outside HwbpCluster (0 when none known).</summary>
    public int ExternallyOccupied { get; init; }
}
