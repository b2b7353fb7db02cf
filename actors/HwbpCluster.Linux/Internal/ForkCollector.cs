namespace HwbpCluster.Linux.Internal;

/// <summary>Collects the threads FORK records name (they inherited the breakpoint) and ignores everything else.</summary>
internal sealed class ForkCollector : IRecordSink
{
    public HashSet<int> Forked { get; } = [];

    public void OnSample(in RawHit hit)
    {
    }

    public void OnLost(ulong count)
    {
    }

    public void OnThrottle(bool throttled)
    {
    }

    public void OnCorrupt()
    {
    }

    public void OnThread(HitNoticeKind kind, int tid, int parentTid)
    {
        if (kind == HitNoticeKind.ThreadForked)
        {
            Forked.Add(tid);
        }
    }
}
