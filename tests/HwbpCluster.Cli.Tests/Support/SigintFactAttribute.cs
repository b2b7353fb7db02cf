using System.Globalization;

namespace HwbpCluster.Cli.Tests.Support;

/// <summary>
/// A fact that sends SIGINT to a child process: skipped, with the reason, where this test run ignores SIGINT (a shell's
/// background job does, and children inherit the ignored signal, so the child could never see Ctrl+C).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SigintFactAttribute : FactAttribute
{
    public SigintFactAttribute()
    {
        if (SigintIgnored())
        {
            Skip = "this test run ignores SIGINT (started as a shell's background job?), and so would the hwbp it starts";
        }
    }

    // /proc/self/status "SigIgn:" is the hex mask of ignored signals; SIGINT is signal 2, bit 1.
    private static bool SigintIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << 1)) != 0;
    }
}
