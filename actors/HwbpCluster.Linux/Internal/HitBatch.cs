using System.Threading.Channels;

namespace HwbpCluster.Linux.Internal;

/// <summary>The hits of one drain pass, collected under the reader's lock and handed over once the pass is done.</summary>
/// <remarks>A writer that is never full: the reader's consumer takes the whole pass on the reader thread, so nothing is
/// buffered between them and nothing is dropped here. Grows to the largest pass and keeps that room.</remarks>
internal sealed class HitBatch : ChannelWriter<RawHit>
{
    private RawHit[] _hits = new RawHit[256];
    private int _count;

    public ReadOnlySpan<RawHit> Hits => _hits.AsSpan(0, _count);

    public override bool TryWrite(RawHit item)
    {
        if (_count == _hits.Length)
        {
            Array.Resize(ref _hits, _count * 2);
        }

        _hits[_count++] = item;
        return true;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => new(true);

    public void Clear() => _count = 0;
}
