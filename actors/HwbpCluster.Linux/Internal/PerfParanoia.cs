namespace HwbpCluster.Linux.Internal;

/// <summary>Reads kernel.perf_event_paranoid for error messages.</summary>
internal static class PerfParanoia
{
    private const string Path = "/proc/sys/kernel/perf_event_paranoid";

    public static string Read()
    {
        try
        {
            return File.ReadAllText(Path).Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
