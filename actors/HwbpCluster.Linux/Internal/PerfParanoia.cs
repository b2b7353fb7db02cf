namespace HwbpCluster.Linux.Internal;

/// <summary>Reads kernel.perf_event_paranoid, and whether this process is above it, for error messages.</summary>
internal static class PerfParanoia
{
    private const string Path = "/proc/sys/kernel/perf_event_paranoid";
    private const int CapSysAdmin = 21;
    private const int CapPerfmon = 38;

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

    /// <summary>Whether this process holds CAP_PERFMON or CAP_SYS_ADMIN (root does), which pass every paranoia level.</summary>
    public static bool ProcessIsPrivileged() => HasCapability(CapSysAdmin) || HasCapability(CapPerfmon);

    /// <summary>Whether <paramref name="capability"/> (its number, e.g. 23 for CAP_SYS_NICE) is in this process's effective set.</summary>
    public static bool HasCapability(int capability)
    {
        try
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            ulong effective = line is null ? 0 : Convert.ToUInt64(line["CapEff:".Length..].Trim(), 16);
            return (effective & (1UL << capability)) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }
}
