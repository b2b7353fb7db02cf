using HwbpCluster.Arbitration;

namespace HwbpCluster.Node.Options;

/// <summary>The --arch spellings and the profiles they make; the wire names of architectures.</summary>
internal static class ArchNames
{
    /// <summary>The accepted --arch values.</summary>
    public static IReadOnlyList<string> Accepted { get; } = ["x86-64", "arm64", "ppc64-p9", "ppc64-p10"];

    /// <summary>Makes the profile named by <paramref name="arch"/>, or null for an unknown name.</summary>
    public static ArchProfile? TryProfile(string arch, int cpus) => arch.ToLowerInvariant() switch
    {
        "x86-64" or "x86_64" => ArchProfile.X86_64(cpus),
        "arm64" or "aarch64" => ArchProfile.Arm64(cpus),
        "ppc64-p9" => ArchProfile.Ppc64P9(cpus),
        "ppc64-p10" => ArchProfile.Ppc64P10(cpus),
        _ => null,
    };

    /// <summary>The architecture as HostState.arch spells it ("x86-64", "arm64", "ppc64").</summary>
    public static string WireName(Architecture architecture) => architecture switch
    {
        Architecture.X86_64 => "x86-64",
        Architecture.Arm64 => "arm64",
        _ => "ppc64",
    };
}
