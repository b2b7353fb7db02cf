using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What the host actor is built from.</summary>
internal sealed record HostSettings(string Name, ArchProfile Profile, IRegisterBackend Backend, TimeSpan Slice)
{
    public IHostProbe? Probe { get; init; }

    /// <summary>The host's first reservation id (<see cref="SimulatedHostOptions.FirstReservationId"/>).</summary>
    public long FirstReservationId { get; init; } = 1;
}
