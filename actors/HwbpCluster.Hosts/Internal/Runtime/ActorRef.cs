using Akka.Actor;

namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>An Akka.NET actor seen through its protocol: <see cref="Tell"/> sends without a sender (replies travel in the messages).</summary>
internal sealed class ActorRef<TMessage>(IActorRef untyped) : IActorRef<TMessage>
{
    /// <summary>The Akka.NET reference, for stopping and watching.</summary>
    public IActorRef Untyped { get; } = untyped;

    public void Tell(TMessage message) => Untyped.Tell(message, ActorRefs.NoSender);

    public override string ToString() => Untyped.Path.ToString();
}
