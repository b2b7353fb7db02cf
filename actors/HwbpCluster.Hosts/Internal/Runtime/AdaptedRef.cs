namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>An address that takes <typeparamref name="TOther"/> and delivers its mapping to an actor of another protocol.</summary>
/// <remarks>The map runs on the sender's turn, so it must only build a message.</remarks>
internal sealed class AdaptedRef<TOther, TMessage>(IActorRef<TMessage> target, Func<TOther, TMessage> map) : IActorRef<TOther>
{
    public void Tell(TOther message) => target.Tell(map(message));
}
