namespace HwbpCluster.Campaigns.Load;

/// <summary>What the load campaign found wrong, apart (memory needs a long run to mean anything) from the rest.</summary>
/// <param name="Failures">Failed calls, releases a watch never showed, reservations left, nodes that ended.</param>
/// <param name="Memory">Nodes whose RSS did not come back within the tolerance of their start.</param>
public sealed record LoadReport(IReadOnlyList<string> Failures, IReadOnlyList<string> Memory)
{
    /// <summary>True when every check held.</summary>
    public bool Passed => Failures.Count == 0 && Memory.Count == 0;
}
