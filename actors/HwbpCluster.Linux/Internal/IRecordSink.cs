namespace HwbpCluster.Linux.Internal;

/// <summary>Receives the records a ring buffer drain finds, in order.</summary>
internal interface IRecordSink
{
    void OnSample(in RawHit hit);

    void OnLost(ulong count);

    void OnThrottle(bool throttled);

    /// <summary>A thread or process the watched task created (FORK) or one that ended (EXIT), with inherit.</summary>
    void OnThread(HitNoticeKind kind, int tid, int parentTid);

    /// <summary>A record that could not be decoded (at least one record is lost with it).</summary>
    void OnCorrupt();
}
