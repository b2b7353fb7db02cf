namespace HwbpCluster.Actors.Internal;

/// <summary>An actor of <typeparamref name="TMessage"/>: its address, its mailbox and its current instance.</summary>
internal sealed partial class ActorCell<TMessage> : ActorCellBase, IActorRef<TMessage>, IActorContext<TMessage>
{
    private readonly Func<Actor<TMessage>> _factory;
    private readonly Mailbox<TMessage> _mailbox;
    private Actor<TMessage>? _actor;
    private Dictionary<ActorCellBase, TMessage>? _watching;

    public ActorCell(ActorSystem system, ActorCellBase? parent, string path, string name, Func<Actor<TMessage>> factory)
        : base(system, parent, path, name)
    {
        _factory = factory;
        _mailbox = system.CreateMailbox(this);
    }

    public IActorRef<TMessage> Self => this;

    public IActorRef? Parent => ParentCell;

    ActorSystem IActorContext<TMessage>.System => System;

    public TimeProvider Time => System.Time;

    public IReadOnlyCollection<IActorRef> Children => LiveChildren;

    protected override SupervisorStrategy ChildStrategy => _actor?.SupervisorStrategy ?? SupervisorStrategy.Default;

    public void Tell(TMessage message)
    {
        if (IsTerminated)
        {
            System.PublishDeadLetter(message, this);
        }
        else
        {
            _mailbox.Post(message);
        }
    }

    public Task<TReply> Ask<TReply>(Func<IActorRef<TReply>, TMessage> build, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ReplyRef<TReply>.Ask(System, this, build, timeout, cancellationToken);

    internal override void PostSystem(SystemMessage message) => _mailbox.PostSystem(message);

    /// <summary>Runs the handler for one message on the actor's turn; a throw becomes a supervised failure.</summary>
    internal void Invoke(TMessage message)
    {
        try
        {
            _actor!.Receive(message);
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    protected override void CreateInstance(Exception? restartCause)
    {
        RunFactory(this, () => _actor = _factory());
        if (restartCause is null)
        {
            _actor!.PreStart();
        }
        else
        {
            _actor!.PostRestart(restartCause);
        }
    }

    protected override void DestroyInstance(Exception? restartCause)
    {
        var actor = _actor;
        _actor = null;
        if (actor is null)
        {
            return;
        }

        try
        {
            if (restartCause is null)
            {
                actor.PostStop();
            }
            else
            {
                actor.PreRestart(restartCause);
            }
        }
        catch (Exception ex)
        {
            Log.HookFailed(System.Logger, ex, Path);
        }
    }

    protected override void DrainToDeadLetters() => _mailbox.DrainToDeadLetters();
}
