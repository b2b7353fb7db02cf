using System.Threading.Channels;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>Streams the hits of a set of breakpoints: one dedicated thread waits on their event fds (epoll) and drains their ring buffers.</summary>
/// <remarks>
/// Hits of every attached breakpoint go to one bounded channel (tell them apart by <see cref="RawHit.EventId"/>); when it is
/// full the reader drops and counts instead of blocking, so the kernel's buffers keep draining. A reader given a hit handler
/// calls it instead, on the reader thread, once per drain pass with all the pass's hits: no hop to another thread, nothing
/// buffered between them. Task exits, kernel losses and throttling arrive on <see cref="Notices"/>.
/// </remarks>
public sealed partial class HitReader : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    // Task rings, each drained once per pass for every breakpoint that shares it.
    private readonly Dictionary<RingReader, SharedRingRoute> _routes = [];
    private readonly Channel<RawHit> _hits;
    private readonly Action<ReadOnlySpan<RawHit>>? _onHits;
    private readonly HitBatch _batch = new();
    private readonly Channel<HitNotice> _notices;
    private readonly Thread _thread;
    private readonly int _pollTimeoutMs;
    private readonly int _tailTimeoutMs;
    private readonly bool _realtime;
    private readonly ManualResetEventSlim _scheduled = new();
    private readonly EpollSet _epoll;
    private volatile bool _stopping;

    /// <summary>Starts the reader thread.</summary>
    /// <param name="options">Buffers and polling; null for <see cref="HitReaderOptions.Default"/>.</param>
    /// <param name="onHits">If given, takes every hit instead of <see cref="Hits"/> (which then ends at once): called on the
    /// reader thread after each drain pass, outside the reader's lock, with the pass's hits in drain order. It must not block
    /// or throw; the span is valid only during the call.</param>
    public HitReader(HitReaderOptions? options = null, Action<ReadOnlySpan<RawHit>>? onHits = null)
    {
        options ??= HitReaderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HitCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NoticeCapacity, 1);
        _pollTimeoutMs = (int)Math.Clamp(options.PollTimeout.TotalMilliseconds, 1, 1000);
        _tailTimeoutMs = (int)Math.Clamp(options.TailTimeout.TotalMilliseconds, 1, _pollTimeoutMs);
        _realtime = options.Realtime;
        _hits = Channel.CreateBounded<RawHit>(new BoundedChannelOptions(options.HitCapacity) { SingleWriter = true });
        _notices = Channel.CreateBounded<HitNotice>(new BoundedChannelOptions(options.NoticeCapacity) { SingleWriter = true });
        _onHits = onHits;
        if (onHits is not null)
        {
            _hits.Writer.Complete();
        }

        _epoll = new EpollSet(ReadyPerWait);
        _thread = new Thread(Run) { IsBackground = true, Name = "hwbp hit reader" };
        _thread.Start();

        // Its scheduling is the thread's own to set: wait until it has, so RunsRealtime is final.
        _scheduled.Wait();
        _scheduled.Dispose();
    }

    /// <summary>Whether the reader thread runs with real-time scheduling (asked by <see cref="HitReaderOptions.Realtime"/>, and granted).</summary>
    public bool RunsRealtime { get; private set; }

    /// <summary>Hits of every attached breakpoint, in drain order (per breakpoint, in the order they happened); ended at once
    /// when the reader has a hit handler.</summary>
    public ChannelReader<RawHit> Hits => _hits.Reader;

    /// <summary>Task exits, kernel losses, channel drops and throttling.</summary>
    public ChannelReader<HitNotice> Notices => _notices.Reader;

    /// <summary>Enumerates hits as they arrive until cancelled or the reader is disposed.</summary>
    public IAsyncEnumerable<RawHit> ReadHitsAsync(CancellationToken cancellationToken = default) =>
        _hits.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Starts streaming a breakpoint's hits; a breakpoint belongs to one reader at a time.</summary>
    /// <exception cref="InvalidOperationException">Attached to another reader, or the kernel refused to watch its fd
    /// (epoll_ctl: out of memory, or the user's epoll watch limit).</exception>
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
            if (Find(breakpoint) is not null)
            {
                return;
            }

            // The kernel's event id is never reused, so it names the fd in the ready list even after the fd number is.
            int rc = _epoll.Add(breakpoint.Fd, breakpoint.Id);
            if (rc != 0)
            {
                breakpoint.DetachedFrom(this);
                throw new InvalidOperationException($"the hit reader cannot watch breakpoint {breakpoint.Id}: epoll_ctl failed with errno {-rc}");
            }

            var subscription = new Subscription(breakpoint, _onHits is null ? _hits.Writer : _batch, _notices.Writer);
            _subscriptions.Add(subscription);
            if (breakpoint.SharesRing)
            {
                RingReader ring = breakpoint.Ring;
                if (!_routes.TryGetValue(ring, out SharedRingRoute? route))
                {
                    _routes[ring] = route = new SharedRingRoute(ring);
                }

                route.Add(subscription);
            }
        }
    }

    /// <summary>Stops streaming a breakpoint; once this returns the reader no longer touches its ring buffer or its fd, and
    /// closing the fd frees its debug-register slot at once.</summary>
    /// <remarks>No wait for the reader thread: the ring is drained under the reader's lock, and the epoll instance holds no
    /// reference to the event's file once it is removed from it (see <see cref="EpollSet"/>).</remarks>
    public void Detach(PerfBreakpoint breakpoint)
    {
        ArgumentNullException.ThrowIfNull(breakpoint);
        lock (_gate)
        {
            if (Find(breakpoint) is { } subscription)
            {
                _subscriptions.Remove(subscription);
                if (breakpoint.SharesRing && _routes.TryGetValue(breakpoint.Ring!, out SharedRingRoute? route))
                {
                    route.Remove(subscription);
                    if (route.IsEmpty)
                    {
                        _routes.Remove(route.Ring);
                    }
                }

                // A hung-up event was removed when its hang-up was seen (ENOENT now); the instance is closed once stopped.
                _ = _epoll.Remove(breakpoint.Fd);
            }
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
            _epoll.Wake();
            _thread.Join();
        }

        Subscription[] detached;
        lock (_gate)
        {
            detached = [.. _subscriptions];
            _subscriptions.Clear();
            _routes.Clear();
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
