using System.Globalization;

namespace HwbpCluster.Campaigns.Proc;

/// <summary>Reads a Linux process's resident memory (/proc/PID/status VmRSS) and open descriptors (/proc/PID/fd).</summary>
public static class ProcStats
{
    /// <summary>VmRSS of <paramref name="pid"/> in bytes.</summary>
    /// <exception cref="InvalidOperationException">The process has no VmRSS line (a kernel thread, or gone).</exception>
    public static long RssBytes(int pid) => ParseRss(File.ReadAllLines($"/proc/{pid}/status"));

    /// <summary>Open file descriptors of <paramref name="pid"/>.</summary>
    public static int OpenFds(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>One sample of <paramref name="pid"/>, stamped <paramref name="elapsed"/>.</summary>
    public static ProcSample Sample(int pid, TimeSpan elapsed) => new(elapsed, RssBytes(pid), OpenFds(pid));

    /// <summary>The VmRSS line of a /proc/PID/status text ("VmRSS:   123456 kB"), in bytes.</summary>
    public static long ParseRss(IEnumerable<string> statusLines)
    {
        foreach (var line in statusLines)
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields is [var kb, "kB"] && long.TryParse(kb, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value * 1024;
            }

            throw new FormatException($"unexpected VmRSS line: '{line}'");
        }

        throw new InvalidOperationException("no VmRSS line: the process is gone or is a kernel thread");
    }
}
