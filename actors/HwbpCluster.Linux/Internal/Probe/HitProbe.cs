using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal.Probe;

/// <summary>Arms a write watch on a cell of a fresh thread, writes it a few times and reads the count: fires, never fires, or refused.</summary>
/// <remarks>
/// Opening a breakpoint proves only that the kernel accepts it: some hypervisors never deliver the debug exception, so the
/// count stays 0. A fresh thread has no breakpoints of its own, so ENOSPC there means CPU-wide events (another tool's, or a
/// concurrent test's) hold every slot; the probe retries that for a short while before it reports the refusal.
/// </remarks>
internal static class HitProbe
{
    /// <summary>Watched writes per probe.</summary>
    public const int Writes = 16;

    private static readonly TimeSpan BusyPatience = TimeSpan.FromSeconds(3);

    public static HardwareBreakpointSupport Run(IProbeKernel kernel)
    {
        HardwareBreakpointSupport? answer = null;
        var thread = new Thread(() => answer = RunOnThisThread(kernel)) { IsBackground = true, Name = "hwbp hit probe" };
        thread.Start();
        thread.Join();
        return answer!;
    }

    private static unsafe HardwareBreakpointSupport RunOnThisThread(IProbeKernel kernel)
    {
        long* cell = (long*)NativeMemory.AlignedAlloc(8, 8);
        try
        {
            DateTime giveUp = DateTime.UtcNow + BusyPatience;
            while (true)
            {
                (IProbeWatch? watch, PerfFailure? failure) = kernel.ArmWriteWatch((ulong)cell);
                if (watch is not null)
                {
                    using (watch)
                    {
                        for (int i = 0; i < Writes; i++)
                        {
                            Volatile.Write(ref *cell, i);
                        }

                        return Classify(kernel.Release, watch.Count());
                    }
                }

                if (failure!.Kind != PerfErrorKind.NoFreeSlot || DateTime.UtcNow >= giveUp)
                {
                    return HardwareBreakpointSupport.RefusedBy(failure);
                }

                Thread.Sleep(50);
            }
        }
        finally
        {
            NativeMemory.AlignedFree(cell);
        }
    }

    private static HardwareBreakpointSupport Classify(string release, ulong counted) => counted switch
    {
        Writes => new(HardwareBreakpointVerdict.Fires,
            $"hardware breakpoints fire ({RuntimeInformation.ProcessArchitecture}, kernel {release}, "
            + $"perf_event_paranoid {PerfParanoia.Read()}: {Writes} watched writes counted {Writes})", null),
        0 => new(HardwareBreakpointVerdict.NeverFires,
            $"hardware breakpoints are accepted but never fire here: kernel {release} took a write watch through perf_event_open "
            + $"and counted 0 of {Writes} watched writes (some hypervisors do not deliver debug exceptions to their guests)", null),
        _ => new(HardwareBreakpointVerdict.NeverFires,
            $"hardware breakpoints do not fire reliably here: kernel {release} counted {counted} of {Writes} watched writes", null),
    };
}
