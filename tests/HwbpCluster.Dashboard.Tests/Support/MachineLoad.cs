using System.Globalization;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>How busy the machine is: the browser's frames wait for CPU time that other processes hold, so a bound measured in
/// the browser is only the bound on a machine that is not oversubscribed.</summary>
internal static class MachineLoad
{
    /// <summary>Runnable processes per core at which the machine counts as oversubscribed.</summary>
    private const double Oversubscribed = 4;

    /// <summary>The one-minute load average per core (0 where /proc/loadavg cannot be read).</summary>
    public static double PerCore()
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

    /// <summary>The bound to assert: <paramref name="bound"/>, or three times it on an oversubscribed machine (said in
    /// <paramref name="why"/>, for the test's output).</summary>
    public static TimeSpan Bound(TimeSpan bound, out string why)
    {
        var load = PerCore();
        if (load < Oversubscribed)
        {
            why = $"load average {load:0.0} per core: the issue's bound, {bound.TotalMilliseconds:0} ms";
            return bound;
        }

        why = $"load average {load:0.0} per core (oversubscribed): bound relaxed to {3 * bound.TotalMilliseconds:0} ms; " +
            "the issue's figure needs a machine to itself";
        return 3 * bound;
    }
}
