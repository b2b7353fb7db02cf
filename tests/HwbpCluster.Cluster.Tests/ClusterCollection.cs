namespace HwbpCluster.Cluster.Tests;

/// <summary>Cluster tests run one at a time: several clusters heart-beating at once on two cores would suspect live nodes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
