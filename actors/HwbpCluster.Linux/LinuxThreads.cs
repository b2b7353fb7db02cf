using System.Globalization;
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

    /// <summary>The tids of a process's threads now (/proc/PID/task); threads may start or exit right after.</summary>
    /// <remarks>A breakpoint on a tid watches that thread only; watching a whole process means one per thread, re-listed until stable.</remarks>
    /// <exception cref="PerfException">No such process (<see cref="PerfErrorKind.NoSuchTask"/>).</exception>
    public static IReadOnlyList<int> ListThreads(int pid)
    {
        try
        {
            return [.. Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task")
                .Select(path => int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out int tid) ? tid : -1)
                .Where(tid => tid > 0)
                .Order()];
        }
        catch (DirectoryNotFoundException)
        {
            throw new PerfException(new PerfFailure(PerfErrorKind.NoSuchTask, Errno.ESRCH, "list threads", $"no such process: {pid}"));
        }
    }
}
