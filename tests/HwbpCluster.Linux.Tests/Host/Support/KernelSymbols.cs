using System.Globalization;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>Kernel symbol addresses from /proc/kallsyms (real values only for root with kptr_restrict ≤ 1).</summary>
internal static class KernelSymbols
{
    /// <summary>The address of a global kernel symbol (text or data), or 0 when it is not listed or addresses are hidden.</summary>
    public static ulong Find(string name)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/kallsyms"))
            {
                string[] fields = line.Split(' ', 4);
                if (fields.Length >= 3 && fields[1] is "T" or "D" && fields[2] == name)
                {
                    return ulong.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Treated as not listed.
        }
        catch (UnauthorizedAccessException)
        {
            // Treated as not listed.
        }

        return 0;
    }
}
