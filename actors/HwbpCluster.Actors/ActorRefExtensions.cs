using HwbpCluster.Actors.Internal;

namespace HwbpCluster.Actors;

/// <summary>Composition of typed addresses.</summary>
public static class ActorRefExtensions
{
    /// <summary>An address that takes <typeparamref name="TOther"/> and delivers <paramref name="map"/>'s result to <paramref name="target"/>.</summary>
    /// <remarks>
    /// The map runs on the sender's turn, so it must be pure. Watching the adapted address watches the target.
    /// Create adapters once (e.g. in the constructor) rather than per message.
    /// </remarks>
    public static IActorRef<TOther> Adapt<TOther, TMessage>(this IActorRef<TMessage> target, Func<TOther, TMessage> map)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(map);
        return new AdaptedRef<TOther, TMessage>(target, map);
    }
}
