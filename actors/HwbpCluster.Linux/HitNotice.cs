namespace HwbpCluster.Linux;

/// <summary>Something about a breakpoint's hit stream other than a hit: task gone, losses, throttling.</summary>
/// <param name="EventId">The breakpoint's <see cref="PerfBreakpoint.Id"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Count">Samples lost or dropped for <see cref="HitNoticeKind.Lost"/> and <see cref="HitNoticeKind.Dropped"/>, else 0.</param>
public readonly record struct HitNotice(ulong EventId, HitNoticeKind Kind, ulong Count);
