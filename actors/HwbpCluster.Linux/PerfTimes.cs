namespace HwbpCluster.Linux;

/// <summary>The kernel's own time_enabled and time_running of one event (PERF_FORMAT_TOTAL_TIME_ENABLED and _RUNNING).</summary>
/// <param name="Enabled">Time the event was enabled; for a task event only while the task ran (its context's time).</param>
/// <param name="Running">Time it was actually on the hardware: equal to <paramref name="Enabled"/> for a breakpoint, which the
/// kernel never multiplexes.</param>
public readonly record struct PerfTimes(TimeSpan Enabled, TimeSpan Running);
