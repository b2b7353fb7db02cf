using System.Buffers.Binary;
using System.Threading.Channels;

namespace HwbpCluster.Linux.Internal;

/// <summary>One breakpoint attached to a reader: drains its ring into the shared channels and keeps its counts.</summary>
/// <remarks>Touched only by the reader thread under the reader's lock.</remarks>
internal sealed class Subscription(PerfBreakpoint breakpoint, ChannelWriter<RawHit> hits, ChannelWriter<HitNotice> notices)
    : IRecordSink
{
    private ulong _samples;
    private ulong _lost;
    private ulong _dropped;
    private ulong _throttles;
    private ulong _droppedThisDrain;

    public PerfBreakpoint Breakpoint { get; } = breakpoint;

    public bool TaskGone { get; private set; }

    public HitStreamStats Stats => new(_samples, _lost, _dropped, _throttles, TaskGone);

    public void Drain()
    {
        if (Breakpoint.Ring is not { } ring)
        {
            return;
        }

        _droppedThisDrain = 0;
        ring.Drain(this);
        if (_droppedThisDrain > 0)
        {
            notices.TryWrite(new HitNotice(Breakpoint.Id, HitNoticeKind.Dropped, _droppedThisDrain));
        }
    }

    public void MarkTaskGone()
    {
        TaskGone = true;
        notices.TryWrite(new HitNotice(Breakpoint.Id, HitNoticeKind.TaskGone, 0));
    }

    public void OnSample(in RawHit hit)
    {
        _samples++;
        if (!hits.TryWrite(WithValueAfter(hit)))
        {
            _dropped++;
            _droppedThisDrain++;
        }
    }

    // Read as soon as the sample is seen, which is as close to the hit as user space gets (LINUX.md §6: 19-209 µs later).
    private RawHit WithValueAfter(in RawHit hit)
    {
        BreakpointSpec spec = Breakpoint.Spec;
        if (spec.Access is not (BreakpointAccess.Write or BreakpointAccess.ReadWrite) || hit.Address != spec.Address || spec.Length > 8)
        {
            return hit;
        }

        Span<byte> value = stackalloc byte[8];
        value.Clear();
        return ProcessMemory.TryRead(hit.Pid, hit.Address, value[..spec.Length])
            ? hit with { ValueAfter = BinaryPrimitives.ReadUInt64LittleEndian(value) }
            : hit;
    }

    public void OnLost(ulong count)
    {
        _lost += count;
        notices.TryWrite(new HitNotice(Breakpoint.Id, HitNoticeKind.Lost, count));
    }

    public void OnThrottle(bool throttled)
    {
        if (throttled)
        {
            _throttles++;
        }

        notices.TryWrite(new HitNotice(Breakpoint.Id, throttled ? HitNoticeKind.Throttled : HitNoticeKind.Unthrottled, 0));
    }
}
