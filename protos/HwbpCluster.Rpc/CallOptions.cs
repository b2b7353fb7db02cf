namespace HwbpCluster.Rpc;

/// <summary>Per-call client options: request metadata, a deadline or timeout, and cancellation.</summary>
/// <param name="Headers">Custom request metadata, e.g. "authorization"; null for none.</param>
/// <param name="Deadline">An absolute UTC deadline; null for none.</param>
/// <param name="CancellationToken">Cancels the call (the stream is reset) when triggered.</param>
/// <param name="Timeout">A deadline relative to the call's start; the earlier of Deadline and Timeout applies.</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    CancellationToken CancellationToken = default,
    TimeSpan? Timeout = null)
{
    internal DateTime? EffectiveDeadline(DateTime nowUtc)
    {
        DateTime? fromTimeout = Timeout is { } t ? (t >= DateTime.MaxValue - nowUtc ? DateTime.MaxValue : nowUtc + t) : null;
        var deadline = Deadline?.ToUniversalTime();
        return (deadline, fromTimeout) switch
        {
            (null, _) => fromTimeout,
            (_, null) => deadline,
            _ => deadline < fromTimeout ? deadline : fromTimeout,
        };
    }
}
