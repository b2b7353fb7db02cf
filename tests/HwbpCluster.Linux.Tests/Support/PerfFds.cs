namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Counts a process's open perf event file descriptors (each one holds a debug-register slot while open).</summary>
internal static class PerfFds
{
    /// <summary>This process's.</summary>
    public static int Count() => Count("/proc/self/fd");

    /// <summary>The process's whose fd directory (/proc/PID/fd) this is; 0 once that process is gone.</summary>
    public static int Count(string fdDirectory)
    {
        try
        {
            return new DirectoryInfo(fdDirectory).GetFiles().Count(IsPerfEvent);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static bool IsPerfEvent(FileInfo fd)
    {
        try
        {
            return fd.LinkTarget == "anon_inode:[perf_event]";
        }
        catch (IOException)
        {
            // Closed between listing and reading: not ours to count.
            return false;
        }
    }
}
