using System.Globalization;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>A fact that signals a node with SIGHUP: skipped where this test process ignores SIGHUP (started under nohup), since
/// the node it starts inherits that and the signal would never reach the node's handler.</summary>
public sealed class SighupFactAttribute : FactAttribute
{
    public SighupFactAttribute()
    {
        Skip = IgnoresSighup() ? "SIGHUP is ignored in this process (started under nohup?), and the node it starts inherits that" : null;
    }

    // /proc/self/status lists ignored signals as a hex mask; SIGHUP (1) is its lowest bit.
    private static bool IgnoresSighup()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 1) != 0;
    }
}
