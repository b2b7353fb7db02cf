namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>Composition of typed addresses.</summary>
internal static class ActorRefExtensions
{
    /// <summary>An address that takes <typeparamref name="TOther"/> and delivers <paramref name="map"/>'s result to <paramref name="target"/>.</summary>
    public static IActorRef<TOther> Adapt<TOther, TMessage>(this IActorRef<TMessage> target, Func<TOther, TMessage> map) =>
        new AdaptedRef<TOther, TMessage>(target, map);
}
