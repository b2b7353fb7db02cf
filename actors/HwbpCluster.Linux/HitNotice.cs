namespace HwbpCluster.Linux;

/// <summary>Something about a breakpoint's hit stream other than a hit: task gone, losses, throttling.</summary>
/// <param name="EventId">The breakpoint's <see cref="PerfBreakpoint.Id"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Count">For <see cref="HitNoticeKind.Lost"/>, <see cref="HitNoticeKind.Dropped"/> and <see cref="HitNoticeKind.Corrupt"/>:
/// how many more since the last notice of that kind (notices of losses add up to the totals in <see cref="HitStreamStats"/>); else 0.</param>
public readonly record struct HitNotice(ulong EventId, HitNoticeKind Kind, ulong Count)
{
    /// <summary>For <see cref="HitNoticeKind.ThreadForked"/> and <see cref="HitNoticeKind.ThreadExited"/>: the thread.</summary>
    public int Tid { get; init; }

    /// <summary>For <see cref="HitNoticeKind.ThreadForked"/>: the thread that created it.</summary>
    public int ParentTid { get; init; }
}
