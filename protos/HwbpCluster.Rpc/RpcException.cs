namespace HwbpCluster.Rpc;

/// <summary>A call that ended with a non-OK status; thrown by handlers to choose the status, and by clients to report it.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception carrying a status code and detail, with optional trailers to send or that were received.</summary>
    public RpcException(StatusCode statusCode, string detail, Metadata? trailers = null)
        : this(new Status(statusCode, detail), trailers)
    {
    }

    /// <summary>Creates an exception carrying a status, with optional trailers to send or that were received.</summary>
    public RpcException(Status status, Metadata? trailers = null, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>Creates an UNKNOWN status exception (for serializers and tooling; prefer the status constructors).</summary>
    public RpcException()
        : this(StatusCode.Unknown, string.Empty)
    {
    }

    /// <summary>Creates an UNKNOWN status exception with a detail.</summary>
    public RpcException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    /// <summary>Creates an UNKNOWN status exception with a detail and an inner exception.</summary>
    public RpcException(string message, Exception innerException)
        : this(new Status(StatusCode.Unknown, message), null, innerException)
    {
    }

    /// <summary>The full status.</summary>
    public Status Status { get; }

    /// <summary>The status code.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The status detail (the decoded grpc-message).</summary>
    public string Detail => Status.Detail;

    /// <summary>Trailing metadata: sent with the status by a server handler, or received by a client.</summary>
    public Metadata Trailers { get; }
}
