namespace HwbpCluster.Actors.Internal;

/// <summary>The context operations an actor performs on its own turn.</summary>
internal sealed partial class ActorCell<TMessage>
{
    public IActorRef<TChild> Spawn<TChild>(Func<Actor<TChild>> factory, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (IsStoppingOrTerminated)
        {
            throw new InvalidOperationException($"Actor '{Path}' is stopping and cannot spawn children.");
        }

        name ??= NextChildName();
        ValidateName(name);
        var child = new ActorCell<TChild>(System, this, Path + "/" + name, name, factory);
        AddChild(child);
        child.Start();
        return child;
    }

    public void Stop(IActorRef actor) => Resolve(actor).PostSystem(SystemMessage.Stop);

    public void Watch(IActorRef target, TMessage terminatedMessage)
    {
        var cell = Resolve(target);
        if (cell == this)
        {
            return;
        }

        _watching ??= [];
        _watching[cell] = terminatedMessage;
        cell.PostSystem(new SystemMessage(SystemMessageKind.Watch, this));
    }

    public void Unwatch(IActorRef target)
    {
        var cell = Resolve(target);
        if (_watching is not null && _watching.Remove(cell))
        {
            cell.PostSystem(new SystemMessage(SystemMessageKind.Unwatch, this));
        }
    }

    public TimerHandle ScheduleTell(TimeSpan delay, TMessage message) =>
        StartTimer(delay, Timeout.InfiniteTimeSpan, message);

    public TimerHandle ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, TMessage message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return StartTimer(initialDelay, interval, message);
    }

    public void Ask<TRequest, TReply>(
        IActorRef<TRequest> target,
        Func<IActorRef<TReply>, TRequest> build,
        TimeSpan timeout,
        Func<TReply, TMessage> onReply,
        Func<Exception, TMessage> onFailure)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(build);
        var pending = new PendingAsk<TReply, TMessage>(this, onReply, onFailure);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            var timer = new TimerHandle(pending.TimeOut, repeating: false);
            pending.Timer = timer;
            TrackTimer(timer);
            timer.Start(System.Time, timeout, Timeout.InfiniteTimeSpan);
        }

        target.Tell(build(pending));
    }

    protected override void OnWatchedTerminated(ActorCellBase target)
    {
        if (_watching is not null && _watching.Remove(target, out var message) && !IsTerminated)
        {
            _mailbox.Post(message);
        }
    }

    protected override void UnwatchAll()
    {
        if (_watching is null)
        {
            return;
        }

        foreach (var cell in _watching.Keys)
        {
            cell.PostSystem(new SystemMessage(SystemMessageKind.Unwatch, this));
        }

        _watching.Clear();
    }

    private TimerHandle StartTimer(TimeSpan due, TimeSpan period, TMessage message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(due, TimeSpan.Zero);
        var timer = new TimerHandle(() => Tell(message), period != Timeout.InfiniteTimeSpan);
        TrackTimer(timer);
        timer.Start(System.Time, due, period);
        return timer;
    }
}
