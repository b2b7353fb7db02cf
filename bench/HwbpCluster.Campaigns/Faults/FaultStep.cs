namespace HwbpCluster.Campaigns.Faults;

/// <summary>What the fault schedule does to a node.</summary>
public enum FaultKind
{
    /// <summary>kill -9 the node's process.</summary>
    Kill,

    /// <summary>Start the killed node again: a new process, a new cluster incarnation, the same name and ports.</summary>
    Restart,

    /// <summary>Cut the node's cluster link: it can no longer reach the other nodes, nor they it.</summary>
    Cut,

    /// <summary>Restore the cut link.</summary>
    Heal,
}

/// <summary>One step of a fault schedule: at <paramref name="At"/> after the start, do <paramref name="Kind"/> to node <paramref name="Node"/> (0-based).</summary>
public sealed record FaultStep(TimeSpan At, FaultKind Kind, int Node)
{
    /// <inheritdoc />
    public override string ToString() => $"{At.TotalSeconds,6:0.0} s  {Kind,-7} n{Node + 1}";
}
