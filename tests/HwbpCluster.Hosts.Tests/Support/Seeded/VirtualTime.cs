namespace HwbpCluster.Hosts.Tests.Support.Seeded;

/// <summary>A clock that moves only when the test loop moves it: timers fire in due order, one per <see cref="FireNext"/>.</summary>
public sealed class VirtualTime : TimeProvider
{
    private readonly PriorityQueue<(VirtualTimer Timer, long Version), (long Due, long Order)> _timers = new();
    private readonly Lock _gate = new();
    private long _now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
    private long _order;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _now), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the earliest live timer is due, or null when none is pending.</summary>
    public long? PeekDue()
    {
        lock (_gate)
        {
            while (_timers.TryPeek(out var entry, out var key))
            {
                if (entry.Timer.IsLive(entry.Version))
                {
                    return key.Due;
                }

                _timers.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Moves the clock to the earliest timer and fires it. False when no timer is pending.</summary>
    public bool FireNext()
    {
        (VirtualTimer Timer, long Version) entry;
        long due;
        lock (_gate)
        {
            if (PeekDue() is not { } next)
            {
                return false;
            }

            due = next;
            entry = _timers.Dequeue();
            Interlocked.Exchange(ref _now, Math.Max(_now, due));
        }

        entry.Timer.Fire(due);
        return true;
    }

    /// <summary>Moves the clock forward without firing anything (the caller fires what is due first).</summary>
    public void MoveTo(long ticks) => Interlocked.Exchange(ref _now, Math.Max(Interlocked.Read(ref _now), ticks));

    internal void Enqueue(VirtualTimer timer, long version, long due)
    {
        lock (_gate)
        {
            _timers.Enqueue((timer, version), (due, ++_order));
        }
    }

    internal sealed class VirtualTimer(VirtualTime clock, TimerCallback callback, object? state) : ITimer
    {
        // Each Change, firing and Dispose makes a new version: queue entries of older versions are stale and skipped.
        private long _version;
        private long _period = -1;

        public bool IsLive(long version) => Interlocked.Read(ref _version) == version;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period == Timeout.InfiniteTimeSpan ? -1 : period.Ticks;
            var version = Interlocked.Increment(ref _version);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Enqueue(this, version, clock.GetTimestamp() + Math.Max(0, dueTime.Ticks));
            }

            return true;
        }

        public void Fire(long due)
        {
            var version = Interlocked.Increment(ref _version);
            if (_period > 0)
            {
                clock.Enqueue(this, version, due + _period);
            }

            callback(state);
        }

        public void Dispose() => Interlocked.Increment(ref _version);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
