namespace HwbpCluster.Linux.Internal;

/// <summary>Receives the records a ring buffer drain finds, in order.</summary>
internal interface IRecordSink
{
    void OnSample(in RawHit hit);

    void OnLost(ulong count);

    void OnThrottle(bool throttled);
}
