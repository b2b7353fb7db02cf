namespace HwbpCluster.Linux;

/// <summary>Thrown by the non-Try breakpoint operations; carries the typed <see cref="PerfFailure"/>.</summary>
public sealed class PerfException : Exception
{
    /// <summary>Wraps a failure.</summary>
    public PerfException(PerfFailure failure)
        : base(failure?.ToString())
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    /// <summary>The typed failure.</summary>
    public PerfFailure Failure { get; }
}
