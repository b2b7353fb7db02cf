namespace HwbpCluster.Actors.Internal;

/// <summary>The one-shot reply address of an actor's Ask: the first reply or the timeout becomes a message to the asker.</summary>
internal sealed class PendingAsk<TReply, TMessage>(
    ActorCell<TMessage> owner, Func<TReply, TMessage> onReply, Func<Exception, TMessage> onFailure) : IActorRef<TReply>
{
    private int _done;

    public string Path => owner.Path + "/$ask";

    public TimerHandle? Timer { get; set; }

    public void Tell(TReply message)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            owner.System.PublishDeadLetter(message, this);
            return;
        }

        Timer?.Cancel();
        owner.Tell(onReply(message));
    }

    public Task<TReply2> Ask<TReply2>(Func<IActorRef<TReply2>, TReply> build, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ReplyRef<TReply2>.Ask(owner.System, this, build, timeout, cancellationToken);

    public void TimeOut()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            owner.Tell(onFailure(new AskTimeoutException($"No reply to '{owner.Path}' within its timeout.")));
        }
    }

    public override string ToString() => Path;
}
