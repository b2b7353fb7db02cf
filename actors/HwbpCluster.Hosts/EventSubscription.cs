using System.Threading.Channels;

namespace HwbpCluster.Hosts;

/// <summary>A live feed of events through a bounded buffer: a slow reader loses the newest events (counted), never blocks the host.</summary>
/// <typeparam name="T">The event type.</typeparam>
/// <remarks>The feed completes when the session closes or the subscription is disposed.</remarks>
public sealed class EventSubscription<T> : IAsyncDisposable
{
    private readonly Channel<T> _channel;
    private readonly Action<EventSubscription<T>> _onDispose;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;
    private string? _lost;

    /// <summary>Creates a feed holding at most <paramref name="capacity"/> unread events.</summary>
    public EventSubscription(int capacity, Action<EventSubscription<T>> onDispose)
        : this(capacity, onDispose, ready: true)
    {
    }

    private EventSubscription(int capacity, Action<EventSubscription<T>> onDispose, bool ready)
    {
        if (ready)
        {
            _ready.TrySetResult();
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // DropWrite keeps what the reader has not seen yet; TryWrite still answers true, so drops are counted by the callback.
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _onDispose = onDispose;
    }

    /// <summary>
    /// Completes once events are flowing into the feed: at once for a local host; for another node's host, when that node
    /// has subscribed (so a watch that waits for it misses nothing that happens after), or when the feed ends.
    /// </summary>
    public Task Ready => _ready.Task;

    /// <summary>Says the feed is subscribed at its source; see <see cref="Ready"/>.</summary>
    public void MarkReady() => _ready.TrySetResult();

    /// <summary>Creates a feed whose source subscribes later: <see cref="Ready"/> waits for <see cref="MarkReady"/>.</summary>
    public static EventSubscription<T> Pending(int capacity, Action<EventSubscription<T>> onDispose) => new(capacity, onDispose, ready: false);

    /// <summary>Events dropped because the reader was too slow, plus those the host lost before the feed (<see cref="CountMissed"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The feed's single reader, for a consumer that drains it a burst at a time (a watch of one host).</summary>
    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>The events, in order, until the feed completes.</summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken = default) => _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Publishes one event without waiting; counts it as dropped when the buffer is full.</summary>
    public void Publish(T item) => _channel.Writer.TryWrite(item);

    /// <summary>Counts events lost before they reached this feed (a real backend's kernel or reader losses) in <see cref="Dropped"/>.</summary>
    public void CountMissed(long count) => Interlocked.Add(ref _dropped, count);

    /// <summary>Why the feed ended early because its host could no longer be reached (its node went away, or this node was
    /// cut off from it); null while it runs and when it ended normally (session closed, disposed).</summary>
    public string? Lost => Volatile.Read(ref _lost);

    /// <summary>Ends the feed: the reader sees the end after the events already buffered.</summary>
    public void Complete()
    {
        _channel.Writer.TryComplete();
        _ready.TrySetResult();
    }

    /// <summary>Ends the feed because its host was lost (<see cref="Lost"/> says why); events already buffered are still read first.</summary>
    public void Lose(string reason)
    {
        Interlocked.CompareExchange(ref _lost, reason, null);
        Complete();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Complete();
        _onDispose(this);
        return ValueTask.CompletedTask;
    }
}
