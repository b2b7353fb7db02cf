using HwbpCluster.Actors.Internal;

namespace HwbpCluster.Actors;

/// <summary>The base of every actor: a synchronous handler for <typeparamref name="TMessage"/>, run one message at a time.</summary>
/// <remarks>
/// Handlers are synchronous on purpose: an actor never awaits, so a deterministic run is one thread and a seeded
/// choice. To wait for another actor, send it a request carrying a reply address (<see cref="Self"/>, adapted
/// if needed) or use <see cref="IActorContext{TMessage}.Ask"/>, which turns the reply or timeout into a message.
/// Actors are created only by <c>Spawn</c>; <see cref="Context"/> is usable from the constructor on.
/// </remarks>
public abstract class Actor<TMessage>
{
    /// <summary>Binds the new instance to the actor being created.</summary>
    protected Actor()
    {
        Context = ActorCellBase.Constructing as IActorContext<TMessage>
            ?? throw new InvalidOperationException("Actors are created by Spawn, with a factory that constructs exactly one actor.");
    }

    /// <summary>This actor's context: self, children, watch, timers.</summary>
    protected IActorContext<TMessage> Context { get; }

    /// <summary>This actor's own address.</summary>
    protected IActorRef<TMessage> Self => Context.Self;

    /// <summary>How this actor supervises its children; <see cref="SupervisorStrategy.Default"/> unless overridden.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    /// <summary>Handles one message; a throw is reported to the parent, which decides (see <see cref="Directive"/>).</summary>
    protected internal abstract void Receive(TMessage message);

    /// <summary>Runs once after construction, before the first message.</summary>
    protected internal virtual void PreStart()
    {
    }

    /// <summary>Runs once after the actor and all its children have stopped.</summary>
    protected internal virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced; its children, timers and watches are then dropped.</summary>
    protected internal virtual void PreRestart(Exception cause)
    {
    }

    /// <summary>Runs on the new instance after a restart; calls <see cref="PreStart"/> unless overridden.</summary>
    protected internal virtual void PostRestart(Exception cause) => PreStart();
}
