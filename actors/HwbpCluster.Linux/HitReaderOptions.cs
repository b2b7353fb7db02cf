namespace HwbpCluster.Linux;

/// <summary>How a <see cref="HitReader"/> buffers and polls.</summary>
public sealed record HitReaderOptions
{
    /// <summary>The defaults: 65,536 hits buffered, 1,024 notices, 50 ms poll timeout.</summary>
    public static HitReaderOptions Default { get; } = new();

    /// <summary>Hits buffered for consumers; beyond this the reader drops and counts rather than block. Default 65,536.</summary>
    public int HitCapacity { get; init; } = 65_536;

    /// <summary>Notices buffered for consumers; beyond this they are dropped. Default 1,024.</summary>
    public int NoticeCapacity { get; init; } = 1_024;

    /// <summary>The longest the reader waits (epoll_wait) before draining every buffer anyway. Default 50 ms.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(50);
}
