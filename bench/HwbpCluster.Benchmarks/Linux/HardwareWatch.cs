using HwbpCluster.Linux;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>Arms an 8-byte write watch on a cell for the calling thread, or explains why this machine cannot.</summary>
internal static class HardwareWatch
{
    /// <summary>Opens the watch on the calling thread's tid.</summary>
    /// <exception cref="InvalidOperationException">Hardware breakpoints are unavailable here; the message is the probe's reason.</exception>
    public static PerfBreakpoint OpenOnCurrentThread(NativeCell cell, PerfBreakpointOptions options, out int tid)
    {
        // Throwing from [GlobalSetup] makes BenchmarkDotNet report the benchmark as failed with this message,
        // rather than measuring unwatched writes and calling them hits.
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe();
        if (!support.Fires)
        {
            throw new InvalidOperationException($"hardware breakpoint hits cannot be measured here: {support.Reason}");
        }

        tid = LinuxThreads.CurrentTid();
        return PerfBreakpoint.Open(BreakpointTarget.Task(tid), new BreakpointSpec(cell.Address, 8, BreakpointAccess.Write), options);
    }

    /// <summary>Throws unless the caller is the thread the watch was opened on.</summary>
    /// <remarks>BenchmarkDotNet runs [GlobalSetup] and the workload on the same thread of its child process (checked here on
    /// every invocation); if a toolchain ever split them, the writes would go unwatched and look like cheap hits.</remarks>
    public static void EnsureWatchedThread(int watchedTid)
    {
        int tid = LinuxThreads.CurrentTid();
        if (tid != watchedTid)
        {
            throw new InvalidOperationException($"the watch is on tid {watchedTid} (GlobalSetup) but the workload runs on tid {tid}");
        }
    }
}
