namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>Counts this process's open perf event file descriptors (each one holds a debug-register slot while open).</summary>
internal static class PerfFds
{
    public static int Count() => new DirectoryInfo("/proc/self/fd").GetFiles().Count(IsPerfEvent);

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
