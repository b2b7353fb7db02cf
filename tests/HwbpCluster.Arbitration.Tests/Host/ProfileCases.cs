namespace HwbpCluster.Arbitration.Tests.Host;

/// <summary>The arch profiles the Linux scenarios run against: x86-64 with 2, 4 and 64 CPUs, and pools that differ.</summary>
public static class ProfileCases
{
    /// <summary>Every profile (the scenarios need at least 2 CPUs, like the KUnit suite).</summary>
    public static TheoryData<string> All => new(
        "x86_64/2", "x86_64/4", "x86_64/64", "arm64/2", "arm64-2data/4", "arm64-16data/64", "ppc64-p9/2", "ppc64-p10/4");

    /// <summary>Profiles whose data pool has at least 3 slots (KUnit skips the mixed scenarios below that).</summary>
    public static TheoryData<string> AtLeastThreeSlots => new("x86_64/2", "x86_64/4", "x86_64/64", "arm64/2", "arm64-16data/64");

    public static ArchProfile Create(string name)
    {
        var parts = name.Split('/');
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
