namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>What an actor may do besides handling messages: spawn, stop and schedule.</summary>
/// <remarks>Use it only from the actor's own handlers (it is not thread-safe).</remarks>
internal interface IActorContext<TMessage>
{
    /// <summary>This actor's address.</summary>
    IActorRef<TMessage> Self { get; }

    /// <summary>The host's clock (virtual in deterministic tests); timers and event times use it.</summary>
    TimeProvider Time { get; }

    /// <summary>Creates a child on this actor's dispatcher; <paramref name="factory"/> runs on the child's first turn.</summary>
    IActorRef<TChild> Spawn<TChild>(Func<Actor<TChild>> factory, string name);

    /// <summary>Stops <paramref name="actor"/> (this actor or a child) after the current message.</summary>
    void Stop<T>(IActorRef<T> actor);

    /// <summary>Sends <paramref name="message"/> to <see cref="Self"/> after <paramref name="delay"/> on <see cref="Time"/>.</summary>
    TimerHandle ScheduleTell(TimeSpan delay, TMessage message);

    /// <summary>Sends <paramref name="message"/> to <see cref="Self"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    TimerHandle ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, TMessage message);
}
