using System.Diagnostics.Metrics;

namespace HwbpCluster.Load;

/// <summary>
/// Sums what the in-process node's watch buffers dropped (<c>hwbp.node.events.dropped</c>, counted when a stream ends), so a
/// run can say whether the hits its client never received were the buffers' or went missing somewhere else.
/// </summary>
internal sealed class NodeDrops : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _dropped;

    public NodeDrops()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: "HwbpCluster.Node", Name: "hwbp.node.events.dropped" })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _dropped, value));
        _listener.Start();
    }

    /// <summary>Events dropped by the streams that have ended so far.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Dispose() => _listener.Dispose();
}
