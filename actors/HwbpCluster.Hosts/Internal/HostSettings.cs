using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What the host actor is built from.</summary>
internal sealed record HostSettings(string Name, ArchProfile Profile, IRegisterBackend Backend, TimeSpan Slice, TimeSpan MaxWait)
{
    public IHostProbe? Probe { get; init; }
}
