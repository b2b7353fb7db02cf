using HwbpCluster.Actors;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Counts messages and signals after every <c>quota</c> of them.</summary>
internal sealed class Counter(Completion completion, int quota) : Actor<int>
{
    private long _count;

    protected override void Receive(int message)
    {
        if (++_count % quota == 0)
        {
            completion.Signal();
        }
    }
}
