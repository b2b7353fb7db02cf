namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>A scheduled self-message; cancel it to stop further deliveries.</summary>
/// <remarks>A message already in the mailbox when <see cref="Cancel"/> runs is still delivered: handlers check their state.</remarks>
internal sealed class TimerHandle : IDisposable
{
    private readonly bool _repeating;
    private ITimer? _timer;
    private volatile bool _done;

    private TimerHandle(bool repeating) => _repeating = repeating;

    /// <summary>Cancelled, or a one-shot that has delivered: nothing more will come.</summary>
    public bool IsDone => _done;

    /// <summary>Starts a timer on <paramref name="time"/> that calls <paramref name="deliver"/> after <paramref name="due"/> (then every <paramref name="period"/>).</summary>
    public static TimerHandle Start(TimeProvider time, TimeSpan due, TimeSpan period, Action deliver)
    {
        var handle = new TimerHandle(period != Timeout.InfiniteTimeSpan);
        handle._timer = time.CreateTimer(_ => handle.Fire(deliver), null, due, period);
        if (handle._done)
        {
            handle._timer.Dispose();
        }

        return handle;
    }

    public void Cancel()
    {
        _done = true;
        _timer?.Dispose();
    }

    public void Dispose() => Cancel();

    private void Fire(Action deliver)
    {
        if (_done)
        {
            return;
        }

        _done = !_repeating;
        deliver();
    }
}
