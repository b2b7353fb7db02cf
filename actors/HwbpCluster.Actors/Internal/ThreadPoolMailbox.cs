using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HwbpCluster.Actors.Internal;

/// <summary>A mailbox drained by the thread pool: at most one runner at a time, a batch of messages per turn.</summary>
/// <remarks>
/// Senders write to the channel and schedule the runner only if it is idle (one CAS); the runner handles up to
/// <c>throughput</c> messages, goes idle and reschedules itself if more arrived, so busy actors take turns.
/// </remarks>
internal sealed class ThreadPoolMailbox<TMessage> : Mailbox<TMessage>, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ActorCell<TMessage> _cell;
    private readonly Channel<TMessage> _user =
        Channel.CreateUnbounded<TMessage>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly int _throughput;
    private int _status;

    public ThreadPoolMailbox(ActorCell<TMessage> cell, int throughput)
    {
        _cell = cell;
        _throughput = throughput;
    }

    public override void Post(TMessage message)
    {
        if (!_user.Writer.TryWrite(message))
        {
            _cell.System.PublishDeadLetter(message, _cell);
            return;
        }

        Schedule();
    }

    public override void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        Schedule();
    }

    public override void DrainToDeadLetters()
    {
        _user.Writer.TryComplete();
        while (_user.Reader.TryRead(out var message))
        {
            _cell.System.PublishDeadLetter(message, _cell);
        }
    }

    public void Execute()
    {
        var cell = _cell;
        var reader = _user.Reader;
        RunSystem();
        for (var i = 0; i < _throughput && cell.CanProcessUser && reader.TryRead(out var message); i++)
        {
            cell.Invoke(message);
            if (!_system.IsEmpty)
            {
                RunSystem();
            }
        }

        if (cell.IsTerminated)
        {
            DrainToDeadLetters();
        }

        // Full fence: a sender that saw Scheduled has already written, so this re-check cannot miss its message.
        Interlocked.Exchange(ref _status, Idle);
        if (!_system.IsEmpty || (reader.TryPeek(out _) && (cell.CanProcessUser || cell.IsTerminated)))
        {
            Schedule();
        }
    }

    private void RunSystem()
    {
        while (_system.TryDequeue(out var message))
        {
            _cell.ProcessSystem(message);
        }
    }

    private void Schedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            // An actor telling another runs it next on the same worker (its local queue): a request that hops
            // host → CPU → host stays on one warm thread instead of waking another worker for every hop.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: Thread.CurrentThread.IsThreadPoolThread);
        }
    }
}
