namespace HwbpCluster.Actors;

/// <summary>Settings of an actor system.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>Messages an actor handles per turn on the thread pool before yielding (production mode); default 100.</summary>
    /// <remarks>Larger batches amortise scheduling; smaller ones are fairer to other actors.</remarks>
    public int Throughput { get; init; } = 100;

    /// <summary>How failures of top-level actors are handled; <see cref="SupervisorStrategy.Default"/> by default.</summary>
    /// <remarks><see cref="Directive.Escalate"/> from a top-level actor stops it.</remarks>
    public SupervisorStrategy GuardianStrategy { get; init; } = SupervisorStrategy.Default;
}
