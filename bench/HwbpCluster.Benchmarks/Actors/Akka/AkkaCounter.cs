using Akka.Actor;

namespace HwbpCluster.Benchmarks.Actors.Akka;

/// <summary>Counts messages and signals after every <c>quota</c> of them (the same work as <see cref="Counter"/>).</summary>
internal sealed class AkkaCounter(Completion completion, int quota) : UntypedActor
{
    private long _count;

    protected override void OnReceive(object message)
    {
        if (++_count % quota == 0)
        {
            completion.Signal();
        }
    }
}
