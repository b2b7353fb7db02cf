namespace HwbpCluster.Node.Hosting;

/// <summary>The node cannot start as configured; the message says why and what to change.</summary>
public sealed class NodeStartupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeStartupException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NodeStartupException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public NodeStartupException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
