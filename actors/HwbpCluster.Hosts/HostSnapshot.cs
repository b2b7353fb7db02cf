namespace HwbpCluster.Hosts;

/// <summary>What is armed on every CPU of a host right now.</summary>
/// <param name="Description">The host.</param>
/// <param name="Cpus">One entry per CPU, in CPU order.</param>
public sealed record HostSnapshot(HostDescription Description, IReadOnlyList<CpuSnapshot> Cpus);
