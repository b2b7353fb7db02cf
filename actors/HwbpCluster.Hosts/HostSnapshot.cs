namespace HwbpCluster.Hosts;

/// <summary>What is armed on every CPU of a host right now.</summary>
/// <param name="Description">The host.</param>
/// <param name="Cpus">One entry per CPU, in CPU order.</param>
public sealed record HostSnapshot(HostDescription Description, IReadOnlyList<CpuSnapshot> Cpus)
{
    /// <summary>Whether the CPUs' slots, DR7 and counts are register images or the accounting's view.</summary>
    public SnapshotSource Source { get; init; }

    /// <summary>In words, which parts are whose view (empty when everything is the registers' own).</summary>
    public string SourceNote { get; init; } = "";
}
