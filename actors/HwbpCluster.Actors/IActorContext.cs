namespace HwbpCluster.Actors;

/// <summary>What an actor may do besides handling messages: spawn, stop, watch, schedule and ask.</summary>
/// <remarks>Use it only from the actor's own handlers and hooks (it is not thread-safe).</remarks>
public interface IActorContext<TMessage>
{
    /// <summary>This actor's address.</summary>
    IActorRef<TMessage> Self { get; }

    /// <summary>The parent's address, or null for a top-level actor.</summary>
    IActorRef? Parent { get; }

    /// <summary>The system this actor runs in.</summary>
    ActorSystem System { get; }

    /// <summary>The system's clock (virtual in deterministic mode); read time only from here.</summary>
    TimeProvider Time { get; }

    /// <summary>The live children of this incarnation.</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Creates a child; <paramref name="factory"/> runs on the child's own turn, not here.</summary>
    /// <param name="factory">Constructs a new instance; called again on every restart.</param>
    /// <param name="name">Unique among this actor's live children; generated (<c>$1</c>, <c>$2</c>, ...) when null.</param>
    IActorRef<TChild> Spawn<TChild>(Func<Actor<TChild>> factory, string? name = null);

    /// <summary>Stops an actor (usually a child or <see cref="Self"/>) after the message it is handling.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <paramref name="terminatedMessage"/> to this actor once <paramref name="target"/> has stopped.</summary>
    /// <remarks>Also delivered if the target is already stopped, and after a failure-stop; at most once per Watch.</remarks>
    void Watch(IActorRef target, TMessage terminatedMessage);

    /// <summary>Stops watching; no terminated message is delivered afterwards.</summary>
    void Unwatch(IActorRef target);

    /// <summary>Sends <paramref name="message"/> to <see cref="Self"/> after <paramref name="delay"/> on <see cref="Time"/>.</summary>
    /// <remarks>Timers are cancelled when the actor stops or restarts.</remarks>
    TimerHandle ScheduleTell(TimeSpan delay, TMessage message);

    /// <summary>Sends <paramref name="message"/> to <see cref="Self"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    TimerHandle ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, TMessage message);

    /// <summary>Asks another actor and receives the outcome as a message to <see cref="Self"/>.</summary>
    /// <remarks>
    /// Exactly one of <paramref name="onReply"/> (first reply) or <paramref name="onFailure"/>
    /// (<see cref="AskTimeoutException"/> after <paramref name="timeout"/>) is delivered, through the mailbox.
    /// The two functions run on the replier's (or timer's) turn, so they must only build a message.
    /// The timeout is cancelled if this actor restarts or stops; a late reply then goes to the new instance or dead letters.
    /// </remarks>
    void Ask<TRequest, TReply>(
        IActorRef<TRequest> target,
        Func<IActorRef<TReply>, TRequest> build,
        TimeSpan timeout,
        Func<TReply, TMessage> onReply,
        Func<Exception, TMessage> onFailure);
}
