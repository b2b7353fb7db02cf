using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>Pins the calling thread to one CPU (sched_setaffinity with pid 0 means the calling thread).</summary>
internal static partial class Affinity
{
    public static void PinCurrentThread(int cpu)
    {
        ulong mask = 1UL << cpu;
        if (SchedSetAffinity(0, sizeof(ulong), ref mask) != 0)
        {
            throw new InvalidOperationException($"sched_setaffinity to cpu {cpu} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ref ulong mask);
}
