using System.Runtime.InteropServices;
using HwbpCluster.Linux;

namespace HwbpCluster.Load;

/// <summary>
/// Keeps one thread alone on the last CPU and every other thread of this process on the others, as an operator keeps an
/// observer off the CPUs it observes (taskset): threads created later inherit their creator's CPUs.
/// </summary>
internal static partial class CpuPlacement
{
    /// <summary>The CPU <see cref="Apart"/> gives the thread.</summary>
    public static int Last => Environment.ProcessorCount - 1;

    /// <summary>Moves <paramref name="tid"/> (of this process or another) to <see cref="Last"/> and every other thread of this process off it.</summary>
    /// <exception cref="InvalidOperationException">Fewer than two CPUs, more than 64, or the kernel refused.</exception>
    public static void Apart(int tid)
    {
        int cpus = Environment.ProcessorCount;
        if (cpus is < 2 or > 64)
        {
            throw new InvalidOperationException($"keeping a thread apart needs 2 to 64 CPUs, not {cpus}");
        }

        ulong last = 1UL << Last;
        ulong others = (cpus == 64 ? ulong.MaxValue : (1UL << cpus) - 1) & ~last;
        foreach (int thread in LinuxThreads.ListThreads(Environment.ProcessId).Where(t => t != tid).Prepend(tid))
        {
            ulong mask = thread == tid ? last : others;

            // A thread that ended since the listing (ESRCH) needs no place.
            if (SetAffinity(thread, sizeof(ulong), ref mask) != 0 && Marshal.GetLastPInvokeError() is var errno and not Esrch)
            {
                throw new InvalidOperationException($"sched_setaffinity of thread {thread} failed: errno {errno}");
            }
        }
    }

    private const int Esrch = 3;

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SetAffinity(int pid, nint size, ref ulong mask);
}
