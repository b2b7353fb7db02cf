namespace HwbpCluster.Actors.Internal;

/// <summary>Virtual time for the deterministic system: it moves only when the scheduler fires the earliest timer.</summary>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private readonly PriorityQueue<(VirtualTimer Timer, int Version), (long Due, long Sequence)> _queue = new();
    private long _sequence;

    public long NowTicks { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => start.AddTicks(NowTicks);

    public override long GetTimestamp() => NowTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Enqueue(VirtualTimer timer, long due) => _queue.Enqueue((timer, timer.Version), (due, ++_sequence));

    /// <summary>The due time of the earliest live timer, or null when none is pending.</summary>
    public long? PeekDue()
    {
        while (_queue.TryPeek(out var entry, out var priority))
        {
            if (!entry.Timer.Disposed && entry.Version == entry.Timer.Version)
            {
                return priority.Due;
            }

            _queue.Dequeue();
        }

        return null;
    }

    /// <summary>Moves time to the earliest live timer and fires it; false when none is pending.</summary>
    public bool FireNext()
    {
        if (PeekDue() is not { } due)
        {
            return false;
        }

        var (timer, _) = _queue.Dequeue();
        NowTicks = Math.Max(NowTicks, due);
        if (timer.PeriodTicks > 0)
        {
            Enqueue(timer, due + timer.PeriodTicks);
        }

        timer.Fire();
        return true;
    }

    public void AdvanceTo(long ticks) => NowTicks = Math.Max(NowTicks, ticks);
}
