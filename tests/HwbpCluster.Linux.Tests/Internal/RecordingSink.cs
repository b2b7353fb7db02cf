using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests.Internal;

/// <summary>Keeps everything a drain delivers.</summary>
internal sealed class RecordingSink : IRecordSink
{
    public List<RawHit> Hits { get; } = [];

    public ulong Lost { get; private set; }

    public List<bool> Throttles { get; } = [];

    public int Corrupt { get; private set; }

    public List<(HitNoticeKind Kind, int Tid, int ParentTid)> Threads { get; } = [];

    public void OnSample(in RawHit hit) => Hits.Add(hit);

    public void OnLost(ulong count) => Lost += count;

    public void OnThrottle(bool throttled) => Throttles.Add(throttled);

    public void OnCorrupt() => Corrupt++;

    public void OnThread(HitNoticeKind kind, int tid, int parentTid) => Threads.Add((kind, tid, parentTid));
}
