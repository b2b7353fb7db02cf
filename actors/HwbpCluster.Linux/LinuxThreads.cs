using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>Kernel thread ids, which perf_event_open takes to watch one thread.</summary>
public static class LinuxThreads
{
    /// <summary>The calling thread's kernel tid (gettid); not the managed thread id.</summary>
    public static int CurrentTid()
    {
        if (!OperatingSystem.IsLinux() || !SyscallNumbers.IsSupportedArchitecture)
        {
            throw new PlatformNotSupportedException("gettid needs Linux on x86-64 or arm64");
        }

        return PerfSyscalls.CurrentTid();
    }
}
