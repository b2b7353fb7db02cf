using Akka.Actor;

namespace HwbpCluster.Benchmarks.Actors.Akka;

/// <summary>Returns the ball until it has no hops left (the ping-pong of the 2026-11-22 runtime benchmark).</summary>
internal sealed class AkkaPlayer(Completion completion) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        var ball = (AkkaBall)message;
        if (ball.Remaining <= 1)
        {
            completion.Signal();
        }
        else
        {
            ball.Next.Tell(new AkkaBall(ball.Remaining - 1, Self), ActorRefs.NoSender);
        }
    }
}
