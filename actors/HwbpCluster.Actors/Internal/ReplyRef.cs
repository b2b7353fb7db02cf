namespace HwbpCluster.Actors.Internal;

/// <summary>The one-shot reply address behind <see cref="IActorRef{TMessage}.Ask"/>: completes a task with the first reply.</summary>
/// <remarks>
/// In deterministic mode a reply is queued and scheduled like any mailbox, so completing the task is a step of
/// its own that interleaves with the rest; on the thread pool the reply completes the task at once.
/// </remarks>
internal sealed class ReplyRef<TReply> : IActorRef<TReply>, ISchedulable
{
    private readonly ActorSystem _system;
    private readonly DeterministicActorSystem? _deterministic;
    private readonly TaskCompletionSource<TReply> _completion;
    private readonly long _id;
    private Queue<TReply>? _pending;
    private ITimer? _timer;
    private CancellationTokenRegistration _registration;
    private int _done;

    private ReplyRef(ActorSystem system, long id)
    {
        _system = system;
        _id = id;
        _deterministic = system as DeterministicActorSystem;
        // Deterministic runs complete the task on the driving thread; production must not run the asker's code on an actor's turn.
        _completion = new TaskCompletionSource<TReply>(
            _deterministic is null ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
    }

    public string Path => "/temp/ask-" + _id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int ReadyIndex { get; set; } = -1;

    public bool HasWork => _pending is { Count: > 0 };

    public static Task<TReply> Ask<TRequest>(
        ActorSystem system, IActorRef<TRequest> target, Func<IActorRef<TReply>, TRequest> build, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TReply>(cancellationToken);
        }

        var reply = new ReplyRef<TReply>(system, system.NextAskId());
        // Timer and registration exist before the request leaves, so a fast reply always finds them to dispose.
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            reply._timer = system.Time.CreateTimer(static s => ((ReplyRef<TReply>)s!).TimeOut(), reply, timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            reply._registration = cancellationToken.UnsafeRegister(static (s, ct) => ((ReplyRef<TReply>)s!).OnCancelled(ct), reply);
        }

        try
        {
            target.Tell(build(reply));
        }
        catch (Exception ex)
        {
            reply.Finish();
            reply._completion.TrySetException(ex);
        }

        return reply._completion.Task;
    }

    public void Tell(TReply message)
    {
        if (_deterministic is null)
        {
            Complete(message);
            return;
        }

        _deterministic.CheckThread();
        (_pending ??= new Queue<TReply>(1)).Enqueue(message);
        _deterministic.MarkReady(this);
    }

    public Task<TReply2> Ask<TReply2>(Func<IActorRef<TReply2>, TReply> build, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ReplyRef<TReply2>.Ask(_system, this, build, timeout, cancellationToken);

    public void RunOne()
    {
        var message = _pending!.Dequeue();
        _deterministic!.Record(this, message);
        Complete(message);
    }

    public override string ToString() => Path;

    private void Complete(TReply message)
    {
        if (Finish())
        {
            _completion.TrySetResult(message);
        }
        else
        {
            _system.PublishDeadLetter(message, this);
        }
    }

    private void TimeOut()
    {
        if (Finish())
        {
            _completion.TrySetException(new AskTimeoutException($"No reply to {Path} within its timeout."));
        }
    }

    private void OnCancelled(CancellationToken token)
    {
        if (_deterministic is null)
        {
            if (Finish())
            {
                _completion.TrySetCanceled(token);
            }

            return;
        }

        // The token may fire on any thread; the deterministic system applies it on its own thread at the next step.
        _deterministic.Post(() =>
        {
            if (Finish())
            {
                _completion.TrySetCanceled(token);
            }
        });
    }

    private bool Finish()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return false;
        }

        _timer?.Dispose();
        _registration.Unregister();
        return true;
    }
}
