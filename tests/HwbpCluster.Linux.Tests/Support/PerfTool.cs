using System.Diagnostics;
using System.Globalization;

namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Runs linux-perf's `perf stat` against a thread of this process, as an outside holder of debug-register slots.</summary>
internal sealed class PerfTool : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private PerfTool(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Null when `perf` runs here, else why not.</summary>
    public static string? Unavailable { get; } = FindProblem();

    /// <summary>
    /// Starts `perf stat -x, -e mem:ADDR/8:w ... -t TID -- sleep SECONDS` (with <paramref name="wholeProcess"/>: `-p PID`, every
    /// thread, inherited by those created later, as perf stat inherits by default) and waits until its events are open.
    /// </summary>
    public static async Task<PerfTool> StatAsync(int tid, IEnumerable<ulong> writeWatches, int seconds, bool wholeProcess = false)
    {
        var info = new ProcessStartInfo("perf") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in (string[])["stat", "-x", ","])
        {
            info.ArgumentList.Add(arg);
        }

        int events = 0;
        foreach (ulong address in writeWatches)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"mem:0x{address:x}/8:w"));
            events++;
        }

        foreach (string arg in (string[])[wholeProcess ? "-p" : "-t", tid.ToString(CultureInfo.InvariantCulture), "--", "sleep", seconds.ToString(CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }

        var tool = new PerfTool(Process.Start(info)!);
        await tool.WaitForOpenEventsAsync(events);
        return tool;
    }

    /// <summary>Waits for perf to finish and returns the count of each event, in order.</summary>
    public async Task<IReadOnlyList<ulong>> CountsAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        string output = await _stderr;
        return [.. output.Split('\n')
            .Where(line => line.Contains(",mem:", StringComparison.Ordinal))
            .Select(line => ulong.TryParse(line.Split(',')[0], CultureInfo.InvariantCulture, out ulong n) ? n : 0)];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task WaitForOpenEventsAsync(int events)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string fds = $"/proc/{_process.Id}/fd";
        while (PerfFds.Count(fds) < events)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"perf exited early: {await _stderr}");
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    private static string? FindProblem()
    {
        try
        {
            using Process? p = Process.Start(new ProcessStartInfo("perf", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null || !p.WaitForExit(10_000) || p.ExitCode != 0)
            {
                return "`perf --version` failed (install linux-perf)";
            }

            return null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"`perf` is not on PATH (install linux-perf): {ex.Message}";
        }
    }
}
