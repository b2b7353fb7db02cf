using System.Buffers.Binary;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>
    /// Fed by the kernel's samples: Slot is the index of the event among the reservation's (the CPU for all-cpus), Address is
    /// the watched address (the kernel reports bp_addr, not the byte touched), Dr6 is 0, Time is the sample's CLOCK_MONOTONIC
    /// time on the host's clock. Write and read-write hits carry the watched bytes read right after the hit (ValueAfter).
    /// </remarks>
    public EventSubscription<HitRecord> WatchHits(string sessionId, int capacity)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        EventSubscription<HitRecord> subscription = _feeds.Subscribe(sessionId, capacity);
        if (!_sessions.ContainsKey(sessionId))
        {
            // As the accounting host does: an unknown session's feed ends at once.
            _feeds.CompleteSession(sessionId);
        }

        return subscription;
    }

    // The reader's hit handler, on the reader thread after each drain pass: straight to the sessions' feeds, no hop between.
    private void RouteHits(ReadOnlySpan<RawHit> hits)
    {
        foreach (ref readonly RawHit hit in hits)
        {
            if (_armed.TryFindEvent(hit.EventId, out EventBinding binding))
            {
                _feeds.Publish(binding.Reservation.SessionId, ToRecord(hit, binding));
            }
            else if (_flex.Route(hit) is { } route)
            {
                _feeds.Publish(route.SessionId, ToRecord(hit, route.Id, route.Spec, route.Slot));
            }
        }
    }

    private HitRecord ToRecord(in RawHit hit, EventBinding binding) =>
        ToRecord(hit, binding.Reservation.Id, binding.Reservation.Spec, binding.Slot);

    private HitRecord ToRecord(in RawHit hit, long reservationId, Arbitration.BreakpointSpec spec, int slot) => new(
        Name, reservationId, hit.Cpu, hit.Tid, hit.Ip, hit.Address, spec.Access, slot, 0, _clock.ToWall(hit.Time))
    {
        ValueAfter = hit.ValueAfter is { } value ? LittleEndian(value, spec.Length) : ReadOnlyMemory<byte>.Empty,
    };

    private static byte[] LittleEndian(ulong value, int length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes[..Math.Clamp(length, 1, 8)];
    }

    private async Task PumpNoticesAsync()
    {
        while (await _reader.Notices.WaitToReadAsync())
        {
            while (_reader.Notices.TryRead(out HitNotice notice))
            {
                try
                {
                    await OnNoticeAsync(notice);
                }
                catch (Exception ex) when (ex is HostException or OperationCanceledException or ObjectDisposedException
                    or InvalidOperationException)
                {
                    LinuxHostLog.NoticeFailed(_log, ex, Name);
                }
            }
        }
    }

    private Task OnNoticeAsync(HitNotice notice)
    {
        if (!_armed.TryFindEvent(notice.EventId, out EventBinding binding))
        {
            return OnCarrierNoticeAsync(notice);
        }

        switch (notice.Kind)
        {
            case HitNoticeKind.TaskGone:
                return OnTaskGoneAsync(binding.Reservation.Scope.TaskId);
            case HitNoticeKind.ThreadForked:
                return OnThreadForkedAsync(notice);
            case HitNoticeKind.ThreadExited:
                return OnThreadExitedAsync(notice);
            case HitNoticeKind.Lost or HitNoticeKind.Dropped or HitNoticeKind.Corrupt:
                // Counted per reservation (ListReservations) and in its session's watches (the hwbp-dropped trailer).
                binding.Reservation.AddLoss(notice.Kind, notice.Count);
                _feeds.CountMissed(binding.Reservation.SessionId, notice.Count);
                LinuxHostLog.SamplesLost(_log, Name, binding.Reservation.Id, notice.Count, notice.Kind.ToString());
                break;
            case HitNoticeKind.Throttled:
                LinuxHostLog.Throttled(_log, Name, binding.Reservation.Id);
                break;
        }

        return Task.CompletedTask;
    }

    // A flexible reservation's carrier: a hang-up is its task's exit; losses count on the reservation it holds now.
    private Task OnCarrierNoticeAsync(HitNotice notice)
    {
        switch (notice.Kind)
        {
            case HitNoticeKind.TaskGone when _flex.TaskOf(notice.EventId) is { } tid:
                return OnTaskGoneAsync(tid);
            case HitNoticeKind.Lost or HitNoticeKind.Dropped or HitNoticeKind.Corrupt
                when _flex.AddLoss(notice.EventId, notice.Kind, notice.Count) is { } route:
                _feeds.CountMissed(route.SessionId, notice.Count);
                LinuxHostLog.SamplesLost(_log, Name, route.Id, notice.Count, notice.Kind.ToString());
                break;
        }

        return Task.CompletedTask;
    }
}
