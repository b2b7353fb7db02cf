namespace HwbpCluster.Cluster.Internal;

/// <summary>The outcome of <see cref="DowningRule.Decide"/>.</summary>
internal enum DowningDecision
{
    /// <summary>Everyone is reachable.</summary>
    Nothing,

    /// <summary>This side keeps the cluster: down the members it cannot reach.</summary>
    DownUnreachable,

    /// <summary>This side is the minority: down itself (its nodes then rejoin as new incarnations once they reach the others).</summary>
    DownThisSide,
}
