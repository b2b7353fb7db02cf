using System.Runtime.InteropServices;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>CPU placement and scheduling of this process's threads (sched_setaffinity, sched_setscheduler; tid 0 = the caller).</summary>
internal static partial class Affinity
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    public static void PinCurrentThread(int cpu) => SetMask(0, 1UL << cpu);

    /// <summary>
    /// Keeps every hit reader of this process off the CPUs while the caller runs: the readers are pinned to <paramref name="cpu"/>,
    /// and the caller runs there too, as a real-time (SCHED_FIFO) thread above the readers' own real-time priority (1), so
    /// no reader on that CPU can preempt it.
    /// Disposing gives the caller its ordinary scheduling back and the readers their CPUs.
    /// </summary>
    /// <remarks>Needs CAP_SYS_NICE (root). Holds the CPU only while the caller works: keep that work short.</remarks>
    public static IDisposable HoldHitReadersOff(int cpu)
    {
        List<(int Tid, ulong Mask)> readers = [.. ReaderTids().Select(tid => (tid, GetMask(tid)))];
        foreach ((int tid, _) in readers)
        {
            SetMask(tid, 1UL << cpu);
        }

        PinCurrentThread(cpu);
        SetPolicy(SchedFifo, priority: 2);
        return new Restore(readers);
    }

    // The hit reader names its thread "hwbp hit reader" (15 characters: all of it fits a Linux thread name).
    private static IEnumerable<int> ReaderTids() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .Where(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == "hwbp hit reader")
            .Select(task => int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture));

    private static void SetPolicy(int policy, int priority)
    {
        int param = priority;
        if (NativeMethods.SchedSetScheduler(0, policy, ref param) != 0)
        {
            throw new InvalidOperationException($"sched_setscheduler({policy}, {priority}) failed: errno {Marshal.GetLastPInvokeError()} (needs CAP_SYS_NICE)");
        }
    }

    private static ulong GetMask(int tid)
    {
        ulong mask = 0;
        return SchedGetAffinity(tid, sizeof(ulong), ref mask) == 0
            ? mask
            : throw new InvalidOperationException($"sched_getaffinity({tid}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private static void SetMask(int tid, ulong mask)
    {
        if (SchedSetAffinity(tid, sizeof(ulong), ref mask) != 0)
        {
            throw new InvalidOperationException($"sched_setaffinity({tid}, 0x{mask:x}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nuint size, ref ulong mask);

    // Disposed on the thread that took the hold: its policy is the calling thread's.
    private sealed class Restore(List<(int Tid, ulong Mask)> readers) : IDisposable
    {
        public void Dispose()
        {
            SetPolicy(SchedOther, priority: 0);
            foreach ((int tid, ulong mask) in readers)
            {
                // A reader whose host was disposed meanwhile is gone: nothing to give back.
                if (Directory.Exists($"/proc/self/task/{tid}"))
                {
                    SetMask(tid, mask);
                }
            }
        }
    }
}
