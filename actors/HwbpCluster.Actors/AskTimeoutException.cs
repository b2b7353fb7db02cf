namespace HwbpCluster.Actors;

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public AskTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AskTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
