namespace HwbpCluster.Campaigns.Tests;

/// <summary>Campaigns that start node processes run one at a time: on two cores, two at once would each starve the other's nodes.</summary>
[CollectionDefinition(Name)]
public sealed class NodeProcesses
{
    public const string Name = "node processes";
}
