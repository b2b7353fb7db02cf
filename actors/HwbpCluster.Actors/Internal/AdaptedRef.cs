namespace HwbpCluster.Actors.Internal;

/// <summary>Takes <typeparamref name="TOther"/>, maps it and forwards it to a <typeparamref name="TMessage"/> actor.</summary>
internal sealed class AdaptedRef<TOther, TMessage>(IActorRef<TMessage> target, Func<TOther, TMessage> map)
    : IActorRef<TOther>, IAdaptedRef
{
    public string Path => target.Path;

    public IActorRef Target => target;

    public void Tell(TOther message) => target.Tell(map(message));

    public Task<TReply> Ask<TReply>(Func<IActorRef<TReply>, TOther> build, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        target.Ask<TReply>(r => map(build(r)), timeout, cancellationToken);

    public override string ToString() => Path;
}
