namespace HwbpCluster.Linux.Internal;

/// <summary>Real-time scheduling for the calling thread, where the process may have it.</summary>
internal static class ThreadScheduling
{
    private const int SchedFifo = 1;

    /// <summary>Makes the calling thread SCHED_FIFO at the lowest real-time priority; false (and unchanged) without CAP_SYS_NICE.</summary>
    /// <remarks>
    /// The lowest priority is enough to run ahead of every ordinary thread, and leaves every other real-time thread ahead of
    /// this one. The kernel's real-time throttling (sched_rt_runtime_us) still keeps 5% of each CPU for ordinary threads.
    /// </remarks>
    public static bool TryRealtime()
    {
        int priority = 1;
        return NativeMethods.SchedSetScheduler(0, SchedFifo, ref priority) == 0;
    }
}
