namespace HwbpCluster.Actors;

/// <summary>A handler or lifecycle hook threw, and what its supervisor decided.</summary>
/// <param name="Actor">The failing actor.</param>
/// <param name="Exception">What it threw.</param>
/// <param name="Directive">The supervisor's decision.</param>
public sealed record ActorFailure(IActorRef Actor, Exception Exception, Directive Directive);
