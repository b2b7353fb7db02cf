namespace HwbpCluster.Actors.Internal;

/// <summary>An actor's queues (user and system) and the way they get run; one runner at a time.</summary>
internal abstract class Mailbox<TMessage>
{
    /// <summary>Queues a user message (the cell has checked it is not terminated).</summary>
    public abstract void Post(TMessage message);

    /// <summary>Queues a lifecycle message; it runs before pending user messages.</summary>
    public abstract void PostSystem(SystemMessage message);

    /// <summary>Called on the actor's turn once it has terminated: pending and later user messages become dead letters.</summary>
    public abstract void DrainToDeadLetters();
}
