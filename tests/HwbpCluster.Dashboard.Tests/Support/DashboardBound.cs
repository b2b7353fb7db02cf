using System.Globalization;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>The time bound a browser test asserts. In the suite it is one only a broken page misses, not issue 13's goal of one
/// second: a frame on a shared two-core machine waits for CPU time the page does not control (CI drew a page in 1,044 ms
/// on 2026-12-06 and failed). The goal is a benchmark figure: bench/dashboard.sh sets <see cref="Variable"/> to 1000 and
/// runs these tests on a quiet machine (docs/PERFORMANCE.md).</summary>
internal static class DashboardBound
{
    public const string Variable = "HWBP_DASHBOARD_BOUND_MS";

    /// <summary>The suite's bound: five times the goal.</summary>
    private static readonly TimeSpan Working = TimeSpan.FromSeconds(5);

    /// <summary>The bound to assert, with a line for the test's output saying which one and how busy the machine is.</summary>
    public static TimeSpan Get(out string why)
    {
        var load = $"load average {LoadPerCore():0.0} per core";
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text)
        {
            var goal = TimeSpan.FromMilliseconds(int.Parse(text, CultureInfo.InvariantCulture));
            why = $"{load}: the goal's bound from {Variable}, {goal.TotalMilliseconds:0} ms";
            return goal;
        }

        why = $"{load}: the suite's bound, {Working.TotalMilliseconds:0} ms (the goal is measured by bench/dashboard.sh)";
        return Working;
    }

    private static double LoadPerCore()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture) / Environment.ProcessorCount;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
