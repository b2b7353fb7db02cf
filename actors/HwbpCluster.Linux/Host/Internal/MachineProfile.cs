using System.Globalization;
using System.Runtime.InteropServices;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>The arch profile of the machine this process runs on.</summary>
internal static class MachineProfile
{
    /// <summary>x86-64: 4 shared slots per CPU; arm64: data slots as the kernel grants them to a fresh thread.</summary>
    /// <remarks>arm64 instruction slots keep the profile's default (6): the kernel offers no cheap way to count them here.</remarks>
    public static ArchProfile Detect()
    {
        int cpus = CpuCount();
        return RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => ArchProfile.X86_64(cpus),
            System.Runtime.InteropServices.Architecture.Arm64 => ArchProfile.Arm64(cpus, dataSlots: HardwareBreakpoints.CountSlots()),
            var other => throw new HostException(HostError.FailedPrecondition, $"the linux backend supports x86-64 and arm64, not {other}"),
        };
    }

    /// <summary>CPUs 0 to N − 1 as the kernel numbers them (/sys/devices/system/cpu/online), not only those this process uses.</summary>
    /// <remarks>Environment.ProcessorCount shrinks with affinity and cgroup quotas; a CPU-bound event opens on any online CPU.</remarks>
    public static int CpuCount() => ParseHighestCpu(ReadOnline()) is int highest ? highest + 1 : Environment.ProcessorCount;

    /// <summary>The highest CPU in a kernel CPU list such as <c>0-3,8-11</c>, or null when it cannot be read.</summary>
    public static int? ParseHighestCpu(string? list)
    {
        int? highest = null;
        foreach (string part in (list ?? "").Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string last = part.Split('-')[^1];
            if (!int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out int cpu))
            {
                return null;
            }

            highest = Math.Max(highest ?? 0, cpu);
        }

        return highest;
    }

    private static string? ReadOnline()
    {
        try
        {
            return File.ReadAllText("/sys/devices/system/cpu/online");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
