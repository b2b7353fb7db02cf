namespace HwbpCluster.Linux;

/// <summary>How a <see cref="HitReader"/> buffers and polls.</summary>
public sealed record HitReaderOptions
{
    /// <summary>The defaults: 65,536 hits buffered, 1,024 notices, 50 ms poll timeout, 1 ms while hits flow.</summary>
    public static HitReaderOptions Default { get; } = new();

    /// <summary>Hits buffered for consumers of <see cref="HitReader.Hits"/>; beyond this the reader drops and counts rather than
    /// block (a reader with a hit handler buffers none). Default 65,536.</summary>
    public int HitCapacity { get; init; } = 65_536;

    /// <summary>Notices buffered for consumers; beyond this they are dropped. Default 1,024.</summary>
    public int NoticeCapacity { get; init; } = 1_024;

    /// <summary>The longest the reader waits (epoll_wait) before draining every buffer anyway. Default 50 ms.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest the reader waits after a drain that read hits. Hits below an event's wakeup count (wakeup_events above 1)
    /// wake nobody, so while hits flow the last few of a burst wait this long rather than the poll timeout; it costs one
    /// more wakeup per burst. Default 1 ms.
    /// </summary>
    public TimeSpan TailTimeout { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Whether the reader thread asks for real-time scheduling (SCHED_FIFO, priority 1), granted with CAP_SYS_NICE (root). A
    /// hit's value is read from the target after the hit, so it is right only if the reader runs before the next write; an
    /// ordinary thread waits behind every busy thread on the CPUs (measured: 86-89% of values right at writes 0.1-1 ms apart
    /// with the test suite running beside). The reader's work per wakeup is bounded by the ring. Default true.
    /// </summary>
    public bool Realtime { get; init; } = true;
}
