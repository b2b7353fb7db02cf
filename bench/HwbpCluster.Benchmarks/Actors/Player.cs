using HwbpCluster.Actors;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Returns the ball to the sender until it has no hops left.</summary>
internal sealed class Player(Completion completion) : Actor<Ball>
{
    protected override void Receive(Ball message)
    {
        if (message.Remaining <= 1)
        {
            completion.Signal();
        }
        else
        {
            message.Next.Tell(new Ball(message.Remaining - 1, Self));
        }
    }
}
