namespace HwbpCluster.Arbitration.Policy;

/// <summary>How long a flexible reservation has existed and how long it held a slot, to scale its counts.</summary>
/// <param name="Enabled">time_enabled: time since it joined the rotation.</param>
/// <param name="Running">time_running: time it was armed in a slot.</param>
public readonly record struct FlexibleTimes(TimeSpan Enabled, TimeSpan Running)
{
    /// <summary>Scales a raw count to the whole enabled time (count × enabled / running), as perf does; the raw count if never run.</summary>
    public long Scale(long count) =>
        Running <= TimeSpan.Zero ? count : (long)Math.Round(count * (Enabled.Ticks / (double)Running.Ticks));
}
