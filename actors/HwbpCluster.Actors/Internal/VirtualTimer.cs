namespace HwbpCluster.Actors.Internal;

/// <summary>A timer of the virtual clock; rescheduling bumps <see cref="Version"/> so stale queue entries are skipped.</summary>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    public int Version { get; private set; }

    public long PeriodTicks { get; private set; }

    public bool Disposed { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Disposed)
        {
            return false;
        }

        Version++;
        PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            clock.Enqueue(this, clock.NowTicks + dueTime.Ticks);
        }

        return true;
    }

    public void Fire() => callback(state);

    public void Dispose()
    {
        Disposed = true;
        Version++;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
