namespace HwbpCluster.Actors;

/// <summary>A scheduled self-message; cancel it to stop further deliveries.</summary>
/// <remarks>A message already placed in the mailbox before <see cref="Cancel"/> is still delivered.</remarks>
public sealed class TimerHandle : IDisposable
{
    private readonly Action _fire;
    private readonly bool _repeating;
    private ITimer? _timer;
    private volatile bool _cancelled;
    private volatile bool _fired;

    internal TimerHandle(Action fire, bool repeating)
    {
        _fire = fire;
        _repeating = repeating;
    }

    /// <summary>True once cancelled (explicitly or because the actor stopped or restarted).</summary>
    public bool IsCancelled => _cancelled;

    /// <summary>True when a one-shot timer has delivered or a timer is cancelled: nothing more will come.</summary>
    internal bool IsDone => _cancelled || (_fired && !_repeating);

    /// <summary>Cancels further deliveries.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _timer?.Dispose();
    }

    /// <summary>Same as <see cref="Cancel"/>.</summary>
    public void Dispose() => Cancel();

    internal void Start(TimeProvider time, TimeSpan due, TimeSpan period)
    {
        _timer = time.CreateTimer(static s => ((TimerHandle)s!).Fire(), this, due, period);
        if (_cancelled)
        {
            _timer.Dispose();
        }
    }

    private void Fire()
    {
        if (_cancelled)
        {
            return;
        }

        _fired = true;
        _fire();
    }
}
