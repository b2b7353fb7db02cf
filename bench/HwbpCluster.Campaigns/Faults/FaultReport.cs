namespace HwbpCluster.Campaigns.Faults;

/// <summary>The fault campaign's outcome: every failed check in words, empty when it passed.</summary>
public sealed record FaultReport(IReadOnlyList<string> Failures)
{
    /// <summary>True when every check held.</summary>
    public bool Passed => Failures.Count == 0;
}
