namespace HwbpCluster.Arbitration.Tests.Host;

/// <summary>The arch profiles the Linux scenarios run against: x86-64 with 2, 4 and 64 CPUs, and pools that differ.</summary>
public static class ProfileCases
{
    /// <summary>Every profile (the scenarios need at least 2 CPUs, like the KUnit suite).</summary>
    /// <remarks>A name ending in <c>:x</c> fills the instruction pool with execute breakpoints instead of the data pool.</remarks>
    public static TheoryData<string> All => new(
        "x86_64/2", "x86_64/4", "x86_64/64", "x86_64/4:x", "arm64/2", "arm64/4:x", "arm64-2data/4", "arm64-16data/64", "arm64-16data/8:x",
        "ppc64-p9/2", "ppc64-p10/4");

    /// <summary>Profiles whose pool under test has at least 3 slots (KUnit skips the mixed scenarios below that).</summary>
    public static TheoryData<string> AtLeastThreeSlots => new(
        "x86_64/2", "x86_64/4", "x86_64/64", "x86_64/4:x", "arm64/2", "arm64/4:x", "arm64-16data/64", "arm64-16data/8:x");

    /// <summary>A KUnit-style host for the named case.</summary>
    internal static KUnitHost Host(string name)
    {
        var profile = Create(name);
        return new KUnitHost(profile, name.EndsWith(":x", StringComparison.Ordinal) ? profile.PoolOf(Access.Execute) : Pool.Data);
    }

    public static ArchProfile Create(string name)
    {
        var parts = name.Split(':')[0].Split('/');
        var cpus = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "x86_64" => ArchProfile.X86_64(cpus),
            "arm64" => ArchProfile.Arm64(cpus),
            "arm64-2data" => ArchProfile.Arm64(cpus, instructionSlots: 2, dataSlots: 2),
            "arm64-16data" => ArchProfile.Arm64(cpus, instructionSlots: 16, dataSlots: 16),
            "ppc64-p9" => ArchProfile.Ppc64P9(cpus),
            _ => ArchProfile.Ppc64P10(cpus),
        };
    }
}
