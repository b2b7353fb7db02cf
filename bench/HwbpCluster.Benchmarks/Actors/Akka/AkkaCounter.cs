using Akka.Actor;

namespace HwbpCluster.Benchmarks.Actors.Akka;

/// <summary>Counts messages and signals after every <c>quota</c> of them (the fan-out of the 2026-11-22 runtime benchmark).</summary>
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
