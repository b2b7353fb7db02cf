namespace HwbpCluster.Linux;

/// <summary>What a <see cref="HitNotice"/> reports about a breakpoint's stream.</summary>
public enum HitNoticeKind
{
    /// <summary>The watched task exited (POLLHUP); the breakpoint fires no more and should be disposed. Never dropped.</summary>
    TaskGone,

    /// <summary>The kernel dropped samples because the ring buffer was full (a LOST record, or its exact lost count); Count says how many more.</summary>
    Lost,

    /// <summary>The hits channel was full and the reader dropped samples rather than block; Count says how many.</summary>
    Dropped,

    /// <summary>The kernel throttled the event (a THROTTLE record); hits are not sampled until it unthrottles.</summary>
    Throttled,

    /// <summary>The kernel resumed sampling after a throttle (an UNTHROTTLE record).</summary>
    Unthrottled,

    /// <summary>With inherit: the watched task (or one that inherited from it) created <see cref="HitNotice.Tid"/>, which now has
    /// the breakpoint too (FORK record). Never dropped.</summary>
    ThreadForked,

    /// <summary>With inherit: <see cref="HitNotice.Tid"/>, one of the threads carrying the breakpoint, ended (EXIT record). Never dropped.</summary>
    ThreadExited,

    /// <summary>Records that could not be decoded were skipped; Count says how many (each hides at least one sample).</summary>
    Corrupt,
}
