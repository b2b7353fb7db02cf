namespace HwbpCluster.Actors;

/// <summary>An actor's factory, <c>PreStart</c> or <c>PostRestart</c> threw.</summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorInitializationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ActorInitializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the factory's exception.</summary>
    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
