using System.Buffers.Binary;
using System.Threading.Channels;

namespace HwbpCluster.Linux.Internal;

/// <summary>One breakpoint attached to a reader: drains its ring into the shared channels and keeps its counts.</summary>
/// <remarks>
/// Touched only by the reader thread under the reader's lock. Losses and the task's exit are reported as the difference
/// between what happened and what was already told: a notice that finds the channel full is not lost but sent, with
/// whatever was added meanwhile, on a later drain (every poll), so the notices of each kind always add up to the totals
/// and an exit is never missed. Forks and exits of inherited threads wait in order in a queue of their own.
/// </remarks>
internal sealed class Subscription(PerfBreakpoint breakpoint, ChannelWriter<RawHit> hits, ChannelWriter<HitNotice> notices)
    : IRecordSink
{
    private ulong _samples;
    private ulong _lostRecords;
    private ulong _lostExact;
    private ulong _dropped;
    private ulong _corrupt;
    private ulong _throttles;
    private ulong _samplesThisDrain;
    private ulong _lostTold;
    private ulong _droppedTold;
    private ulong _corruptTold;
    private bool _goneTold;

    // The last read-after value (WithValueAfter); StartNs 0 reads afresh.
    private ValueRead _lastRead;

    // Forks and exits name the threads that carry the breakpoint: each is told, in order, however long it waits.
    private readonly Queue<HitNotice> _threads = new();

    public PerfBreakpoint Breakpoint { get; } = breakpoint;

    public bool TaskGone { get; private set; }

    public HitStreamStats Stats => new(_samples, Lost, _dropped, _throttles, TaskGone, _corrupt);

    private ulong Lost => Math.Max(_lostRecords, _lostExact);

    /// <summary>Reads every record its own ring holds; returns how many were hits.</summary>
    public ulong Drain()
    {
        if (Breakpoint.Ring is not { } ring)
        {
            return 0;
        }

        BeginDrain();
        ring.Drain(this);

        // A drain that found the ring half full or more, or a LOST record, is when to read the exact count, which also
        // knows losses no LOST record has reported yet.
        return EndDrain(ring.WasHalfFull(_samplesThisDrain));
    }

    /// <summary>Before its ring is drained: its own (<see cref="Drain"/>) or its task's (<see cref="SharedRingRoute"/>).</summary>
    public void BeginDrain() => _samplesThisDrain = 0;

    /// <summary>After its ring was drained: reads the exact loss count when <paramref name="ringFilled"/> (the ring was half
    /// full or more, or held a LOST record) or a LOST record of its own says so, tells what is new; returns this drain's hits.</summary>
    public ulong EndDrain(bool ringFilled)
    {
        if (ringFilled || _lostRecords > _lostExact)
        {
            ReadExactLost();
        }

        Tell();
        return _samplesThisDrain;
    }

    public void MarkTaskGone()
    {
        TaskGone = true;
        ReadExactLost();
        Tell();
    }

    public void OnSample(in RawHit hit)
    {
        _samples++;
        _samplesThisDrain++;
        if (!hits.TryWrite(WithValueAfter(hit)))
        {
            _dropped++;
        }
    }

    public void OnLost(ulong count) => _lostRecords += count;

    public void OnCorrupt() => _corrupt++;

    public void OnThread(HitNoticeKind kind, int tid, int parentTid) =>
        _threads.Enqueue(new HitNotice(Breakpoint.Id, kind, 0) { Tid = tid, ParentTid = parentTid });

    public void OnThrottle(bool throttled)
    {
        if (throttled)
        {
            _throttles++;
        }

        // Informational: the count of throttles is in the stats.
        notices.TryWrite(new HitNotice(Breakpoint.Id, throttled ? HitNoticeKind.Throttled : HitNoticeKind.Unthrottled, 0));
    }

    // Losses first, so whoever handles the exit has already seen every loss of the stream.
    private void Tell()
    {
        while (_threads.TryPeek(out HitNotice thread) && notices.TryWrite(thread))
        {
            _threads.Dequeue();
        }

        _lostTold = TellMore(HitNoticeKind.Lost, Lost, _lostTold);
        _droppedTold = TellMore(HitNoticeKind.Dropped, _dropped, _droppedTold);
        _corruptTold = TellMore(HitNoticeKind.Corrupt, _corrupt, _corruptTold);
        if (TaskGone && !_goneTold && _threads.Count == 0 && _lostTold == Lost && _droppedTold == _dropped && _corruptTold == _corrupt)
        {
            _goneTold = notices.TryWrite(new HitNotice(Breakpoint.Id, HitNoticeKind.TaskGone, 0));
        }
    }

    private ulong TellMore(HitNoticeKind kind, ulong total, ulong told) =>
        total > told && notices.TryWrite(new HitNotice(Breakpoint.Id, kind, total - told)) ? total : told;

    private void ReadExactLost()
    {
        try
        {
            _lostExact = Math.Max(_lostExact, Breakpoint.ReadCounters().Lost);
        }
        catch (Exception ex) when (ex is PerfException or ObjectDisposedException)
        {
            // Closed or unreadable: the LOST records' sum stands.
        }
    }

    // Read as soon as the sample is seen, which is as close to the hit as user space gets (LINUX.md §6: 19-209 µs later).
    // One read serves every sample of the same process and bytes whose hit came before the read began: that write was
    // made before the read too, so the value is one read after it. A drain of a batch of hits (wakeup_events above 1)
    // then costs one read, not one each (a read costs 1.4 µs here, from a reader thread that may run on the writer's CPU).
    private RawHit WithValueAfter(in RawHit hit)
    {
        BreakpointSpec spec = Breakpoint.Spec;
        if (spec.Access is not (BreakpointAccess.Write or BreakpointAccess.ReadWrite) || hit.Address != spec.Address || spec.Length > 8)
        {
            return hit;
        }

        ValueRead read = _lastRead;
        if (read.Pid != hit.Pid || read.Address != hit.Address || read.Length != spec.Length || hit.Time >= read.StartNs)
        {
            ulong startNs = (ulong)PerfBreakpoint.MonotonicNanoseconds();
            Span<byte> value = stackalloc byte[8];
            value.Clear();
            ulong? bytes = ProcessMemory.TryRead(hit.Pid, hit.Address, value[..spec.Length])
                ? BinaryPrimitives.ReadUInt64LittleEndian(value)
                : null;
            _lastRead = read = new ValueRead(hit.Pid, hit.Address, spec.Length, startNs, bytes);
        }

        return read.Value is { } after ? hit with { ValueAfter = after } : hit;
    }

    private readonly record struct ValueRead(int Pid, ulong Address, int Length, ulong StartNs, ulong? Value);
}
