namespace HwbpCluster.Hosts;

/// <summary>A host operation failed for a reason the caller can act on.</summary>
public sealed class HostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HostException(HostError error, string message)
        : base(message) => Error = error;

    /// <summary>Creates the exception (serialization and analyzers want the usual constructors).</summary>
    public HostException() => Error = HostError.FailedPrecondition;

    /// <summary>Creates the exception.</summary>
    public HostException(string message) : base(message) => Error = HostError.FailedPrecondition;

    /// <summary>Creates the exception.</summary>
    public HostException(string message, Exception innerException) : base(message, innerException) => Error = HostError.FailedPrecondition;

    /// <summary>The kind of failure.</summary>
    public HostError Error { get; }
}
