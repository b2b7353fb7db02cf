using HwbpCluster.Actors;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>A ping-pong message: hops left and where to send it next.</summary>
public sealed record Ball(int Remaining, IActorRef<Ball> Next);
