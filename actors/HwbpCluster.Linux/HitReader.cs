using System.Threading.Channels;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>Streams the hits of a set of breakpoints: one dedicated thread polls their event fds and drains their ring buffers.</summary>
/// <remarks>
/// Hits of every attached breakpoint go to one bounded channel (tell them apart by <see cref="RawHit.EventId"/>); when it is
/// full the reader drops and counts instead of blocking, so the kernel's buffers keep draining. Task exits, kernel losses and
/// throttling arrive on <see cref="Notices"/>.
/// </remarks>
public sealed partial class HitReader : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly Channel<RawHit> _hits;
    private readonly Channel<HitNotice> _notices;
    private readonly Thread _thread;
    private readonly int _pollTimeoutMs;
    private readonly PollGate _pollGate = new();
    private volatile bool _stopping;
    private int _version;

    /// <summary>Starts the reader thread.</summary>
    public HitReader(HitReaderOptions? options = null)
    {
        options ??= HitReaderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HitCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NoticeCapacity, 1);
        _pollTimeoutMs = (int)Math.Clamp(options.PollTimeout.TotalMilliseconds, 1, 1000);
        _hits = Channel.CreateBounded<RawHit>(new BoundedChannelOptions(options.HitCapacity) { SingleWriter = true });
        _notices = Channel.CreateBounded<HitNotice>(new BoundedChannelOptions(options.NoticeCapacity) { SingleWriter = true });
        _thread = new Thread(Run) { IsBackground = true, Name = "hwbp hit reader" };
        _thread.Start();
    }

    /// <summary>Hits of every attached breakpoint, in drain order (per breakpoint, in the order they happened).</summary>
    public ChannelReader<RawHit> Hits => _hits.Reader;

    /// <summary>Task exits, kernel losses, channel drops and throttling.</summary>
    public ChannelReader<HitNotice> Notices => _notices.Reader;

    /// <summary>Enumerates hits as they arrive until cancelled or the reader is disposed.</summary>
    public IAsyncEnumerable<RawHit> ReadHitsAsync(CancellationToken cancellationToken = default) =>
        _hits.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Starts streaming a breakpoint's hits; a breakpoint belongs to one reader at a time.</summary>
    public void Attach(PerfBreakpoint breakpoint)
    {
        ArgumentNullException.ThrowIfNull(breakpoint);
        if (breakpoint.Ring is null)
        {
            throw new ArgumentException("a count-only breakpoint has no ring buffer to stream", nameof(breakpoint));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            breakpoint.AttachTo(this);
            if (Find(breakpoint) is null)
            {
                _subscriptions.Add(new Subscription(breakpoint, _hits.Writer, _notices.Writer));
                _version++;
            }
        }
    }

    /// <summary>Stops streaming a breakpoint; once this returns the reader no longer touches its ring buffer or its fd.</summary>
    /// <remarks>Waits (a wake-up, not the poll timeout) for a poll in flight to return: poll holds the event's file, and
    /// with it the debug-register slot, so closing the event right after would not free the slot until then.</remarks>
    public void Detach(PerfBreakpoint breakpoint)
    {
        ArgumentNullException.ThrowIfNull(breakpoint);
        long lastPoll = 0;
        lock (_gate)
        {
            if (Find(breakpoint) is { } subscription)
            {
                _subscriptions.Remove(subscription);
                _version++;
                lastPoll = _pollGate.Started;
            }
        }

        if (lastPoll > 0 && Thread.CurrentThread != _thread)
        {
            _pollGate.WaitFor(lastPoll);
        }

        breakpoint.DetachedFrom(this);
    }

    /// <summary>The counts kept for an attached breakpoint, or null if it is not attached.</summary>
    public HitStreamStats? GetStats(PerfBreakpoint breakpoint)
    {
        lock (_gate)
        {
            return Find(breakpoint)?.Stats;
        }
    }

    /// <summary>Stops the thread, detaches every breakpoint (they stay armed) and completes the channels.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (Thread.CurrentThread != _thread)
        {
            _pollGate.Wake();
            _thread.Join();
            _pollGate.Dispose();
        }

        Subscription[] detached;
        lock (_gate)
        {
            detached = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (Subscription subscription in detached)
        {
            subscription.Breakpoint.DetachedFrom(this);
        }

        _hits.Writer.TryComplete();
        _notices.Writer.TryComplete();
    }

    private Subscription? Find(PerfBreakpoint breakpoint) => _subscriptions.Find(s => s.Breakpoint == breakpoint);
}
