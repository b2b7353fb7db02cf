namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>A typed address of an actor that takes <typeparamref name="TMessage"/>.</summary>
/// <remarks>
/// Contravariant: an <c>IActorRef&lt;TaskMsg&gt;</c> is also an <c>IActorRef&lt;TaskMsg.Prepared&gt;</c>. Behind it is an
/// Akka.NET actor (<see cref="ActorRef{TMessage}"/>), an adapter onto one, or a caller's promise at the edge.
/// </remarks>
internal interface IActorRef<in TMessage>
{
    /// <summary>Sends a message without waiting; messages to a stopped actor go to Akka's dead letters.</summary>
    void Tell(TMessage message);
}
