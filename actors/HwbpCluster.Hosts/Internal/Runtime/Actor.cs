namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>The base of the host's actors: a synchronous handler for <typeparamref name="TMessage"/>, hosted by an Akka.NET actor.</summary>
/// <remarks>
/// Handlers never await: to wait for another actor they send a request carrying a reply address and handle the reply as a
/// message. That keeps each actor a plain state machine that Akka's mailbox runs one message at a time, and that a
/// seeded dispatcher can interleave deterministically in tests. <see cref="Context"/> is usable from the constructor on.
/// </remarks>
internal abstract class Actor<TMessage>
{
    protected Actor()
    {
        Context = ActorShell<TMessage>.Constructing
            ?? throw new InvalidOperationException("Actors are created by IActorContext.Spawn or ActorShell.Props.");
    }

    /// <summary>This actor's context: self, children, timers.</summary>
    protected IActorContext<TMessage> Context { get; }

    /// <summary>This actor's own address.</summary>
    protected IActorRef<TMessage> Self => Context.Self;

    /// <summary>Handles one message; a throw fails the whole host (see <see cref="HostSupervisor"/>).</summary>
    protected internal abstract void Receive(TMessage message);

    /// <summary>Runs once after the actor has stopped.</summary>
    protected internal virtual void PostStop()
    {
    }
}
