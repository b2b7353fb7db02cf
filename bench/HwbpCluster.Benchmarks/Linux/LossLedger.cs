using System.Globalization;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>Carries each benchmark's hit account from BenchmarkDotNet's child process to the host, which prints the table.</summary>
/// <remarks>Files under the temp directory, keyed by the host's pid so an older run's figures never show up: the child is
/// started by the host (its parent), and an in-process toolchain is the host itself, so both pids are written.</remarks>
internal static class LossLedger
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "hwbp-linuxhit-bench");

    /// <summary>Records a benchmark's Lost column value (child side).</summary>
    public static void Record(string benchmark, string column)
    {
        Directory.CreateDirectory(Folder);
        foreach (int pid in new[] { Environment.ProcessId, ParentPid() }.Where(p => p > 0).Distinct())
        {
            File.WriteAllText(PathFor(pid, benchmark), column);
        }
    }

    /// <summary>The recorded value for this host's run, or null (host side).</summary>
    public static string? Read(string benchmark)
    {
        string path = PathFor(Environment.ProcessId, benchmark);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static string PathFor(int pid, string benchmark) =>
        Path.Combine(Folder, $"{pid.ToString(CultureInfo.InvariantCulture)}-{benchmark}.txt");

    // /proc/self/stat is "pid (comm) state ppid ..."; comm may hold spaces, so parse after the last ')'.
    private static int ParentPid()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ppid) ? ppid : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
