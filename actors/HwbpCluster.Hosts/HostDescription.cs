using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>What a host is: its name, arch profile and backend.</summary>
/// <param name="Name">The host's name.</param>
/// <param name="Profile">Architecture, CPU count and slots per pool.</param>
/// <param name="Backend"><c>sim</c> or <c>linux</c>.</param>
public sealed record HostDescription(string Name, ArchProfile Profile, string Backend)
{
    /// <summary>What a person should know before trusting this host (e.g. hardware that accepts breakpoints and never fires them).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
