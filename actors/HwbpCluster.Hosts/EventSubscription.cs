using System.Threading.Channels;

namespace HwbpCluster.Hosts;

/// <summary>A live feed of events through a bounded buffer: a slow reader loses the newest events (counted), never blocks the host.</summary>
/// <typeparam name="T">The event type.</typeparam>
/// <remarks>The feed completes when the session closes or the subscription is disposed.</remarks>
public sealed class EventSubscription<T> : IAsyncDisposable
{
    private readonly Channel<T> _channel;
    private readonly Action<EventSubscription<T>> _onDispose;
    private long _dropped;
    private string? _lost;

    /// <summary>Creates a feed holding at most <paramref name="capacity"/> unread events.</summary>
    public EventSubscription(int capacity, Action<EventSubscription<T>> onDispose)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // DropWrite keeps what the reader has not seen yet; TryWrite still answers true, so drops are counted by the callback.
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _onDispose = onDispose;
    }

    /// <summary>Events dropped because the reader was too slow, plus those the host lost before the feed (<see cref="CountMissed"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

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
    public void Complete() => _channel.Writer.TryComplete();

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
