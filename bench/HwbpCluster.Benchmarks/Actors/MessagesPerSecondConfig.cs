using BenchmarkDotNet.Configs;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Adds a messages-per-second column to the actor benchmarks.</summary>
public sealed class MessagesPerSecondConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public MessagesPerSecondConfig() => AddColumn(new MessagesPerSecondColumn());
}
