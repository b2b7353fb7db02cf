using System.Globalization;

namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Reads /proc/self/maps to tell whether an address is code of this process.</summary>
internal static class ProcessMaps
{
    public static bool IsExecutable(ulong address)
    {
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] fields = line.Split(' ', 3);
            string[] range = fields[0].Split('-');
            ulong start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            ulong end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address >= start && address < end)
            {
                return fields[1].Contains('x', StringComparison.Ordinal);
            }
        }

        return false;
    }
}
