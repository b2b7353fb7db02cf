using BenchmarkDotNet.Configs;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Adds a messages-per-second column to the actor benchmarks.</summary>
public sealed class MessagesPerSecondConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public MessagesPerSecondConfig() => AddColumn(new RatePerSecondColumn("Msgs/s", "Messages per second (1 / mean time per message)"));
}
