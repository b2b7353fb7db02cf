namespace HwbpCluster.Actors;

/// <summary>A typed address of an actor that takes <typeparamref name="TMessage"/>.</summary>
/// <remarks>
/// Contravariant: an <c>IActorRef&lt;TaskMsg&gt;</c> is also an <c>IActorRef&lt;TaskMsg.Prepared&gt;</c>.
/// For unrelated types, <see cref="ActorRefExtensions.Adapt{TOther, TMessage}"/> maps messages on the way in.
/// </remarks>
public interface IActorRef<in TMessage> : IActorRef
{
    /// <summary>Sends a message without waiting; messages to a stopped actor go to dead letters.</summary>
    void Tell(TMessage message);

    /// <summary>Sends the message <paramref name="build"/> makes around a one-shot reply address and awaits the first reply.</summary>
    /// <remarks>
    /// Fails with <see cref="AskTimeoutException"/> after <paramref name="timeout"/> (measured on the system's
    /// <see cref="TimeProvider"/>, so virtual in deterministic mode; <see cref="Timeout.InfiniteTimeSpan"/> for none)
    /// and is cancelled by <paramref name="cancellationToken"/>. Replies after completion go to dead letters.
    /// </remarks>
    Task<TReply> Ask<TReply>(Func<IActorRef<TReply>, TMessage> build, TimeSpan timeout, CancellationToken cancellationToken = default);
}
