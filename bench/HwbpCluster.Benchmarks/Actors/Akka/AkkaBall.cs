using Akka.Actor;

namespace HwbpCluster.Benchmarks.Actors.Akka;

/// <summary>The ping-pong message on Akka.NET: hops left and where to send it next.</summary>
public sealed record AkkaBall(int Remaining, IActorRef Next);
