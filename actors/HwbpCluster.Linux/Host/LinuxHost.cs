using System.Collections.Concurrent;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;
using HwbpCluster.Linux.Host.Internal.Flexible;
using HwbpCluster.Linux.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HwbpCluster.Linux.Host;

/// <summary>A real host: HwbpCluster's accounting admits each reservation first, then the kernel installs it as perf events.</summary>
/// <remarks>
/// <para>A decorator over an actor-based host that keeps the accounting, sessions, queue and reservation events with the real
/// machine's profile. Every admitted reservation becomes one perf breakpoint event per kernel target (one for a task or a CPU,
/// one per CPU for all-cpus), sampled into a ring buffer that one shared <see cref="HitReader"/> thread drains: its task's
/// ring for a pinned breakpoint on a task (shared by the task's breakpoints, kept a while after the last), a ring of its own
/// otherwise. When the kernel
/// refuses what the accounting admitted (slots held by a gdb or perf outside HwbpCluster), the admission is undone and the
/// caller gets <see cref="HostError.BackendRefused"/>.</para>
/// <para>A task is a real thread id: it is made known to the accounting host on its first reservation, and when the kernel
/// hangs up its events (the thread exited) the accounting releases its reservations as <c>task-exited</c>.</para>
/// <para>kgdb preemption is carried out in the kernel too: a perf reservation the accounting suspends for kgdb closes its
/// events before kgdb's open, and reopens them when the accounting resumes it.</para>
/// <para>Inheritance (an inherited task scope, or a process scope) is the kernel's: threads and children created later carry
/// the event from their creation and join the accounting from FORK records, as one group released together.</para>
/// <para>Flexible (pinned = false) breakpoints, which Linux never multiplexes, are multiplexed here on real events: each task or
/// CPU's flexible reservations rotate in time slices through as many perf events as the kernel grants, re-aimed in place, and
/// report time_enabled, time_running and the kernel's counts while held (<see cref="FlexibleMultiplexer"/>). Pinned always win.</para>
/// <para>Not offered here: guest borrowing, and flexible reservations that inherit or cover a process (see the exceptions).
/// Hit counts in listed and modified views are the kernel's exact counters (read() on each event); reservation events
/// carry the accounting's view, whose hit count stays 0.</para>
/// </remarks>
public sealed partial class LinuxHost : IHwbpHost
{
    private readonly IHwbpHost _inner;
    private readonly ITaskRegistry _taskRegistry;
    private readonly ILogger _log;
    private readonly PerfBreakpointOptions _eventOptions;
    private readonly HitReader _reader;
    private readonly TaskRings _taskRings;
    private readonly ReservationTable _armed = new();
    private readonly HitFeeds _feeds = new();
    private readonly FlexibleMultiplexer _flex;
    private readonly ExternalSlots _external;
    private readonly HitClock _clock;
    private readonly ConcurrentDictionary<string, bool> _sessions = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _sessionCloses = [];
    private readonly Task _noticePump;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>Decorates <paramref name="accounting"/>, which the new host owns and disposes; prefer <see cref="Start"/>.</summary>
    /// <param name="accounting">The accounting host, created with this machine's profile, and its port for the machine's threads.</param>
    /// <param name="timeProvider">The host's clock, for hit timestamps.</param>
    /// <param name="loggerFactory">Where the host logs; null logs nothing.</param>
    /// <param name="options">Ring buffers and reader; null for <see cref="LinuxHostOptions.Default"/>.</param>
    public LinuxHost(AccountingHost accounting, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, LinuxHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounting);
        var inner = accounting.Host;
        _taskRegistry = accounting.Tasks;
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= LinuxHostOptions.Default;
        _inner = inner;
        _log = (ILogger?)loggerFactory?.CreateLogger<LinuxHost>() ?? NullLogger.Instance;
        _eventOptions = new PerfBreakpointOptions { RingDataPages = options.RingDataPages, WakeupEvents = options.WakeupEvents };
        _clock = new HitClock(timeProvider);
        _external = new ExternalSlots(inner.Description.Profile.CpuCount, inner.Description.Profile.DataSlots);
        Description = inner.Description with { Backend = "linux" };
        _reader = new HitReader(options.Reader, RouteHits);
        _taskRings = new TaskRings(timeProvider, options.TaskRingLinger);
        _flex = new FlexibleMultiplexer(Description.Profile, timeProvider, options.FlexibleSlice, _eventOptions, e => _reader.Attach(e), tid => OnTaskGoneAsync(tid));
        _noticePump = Task.Run(PumpNoticesAsync);

        // An accounting host taken out after a failure owns nothing any more: no kernel event may stay armed without an owner.
        inner.Failed.Register(CloseEveryEvent);
    }

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public HostDescription Description { get; private set; }

    /// <inheritdoc/>
    /// <remarks>The accounting host's: when it is taken out, every kernel event of this host is closed.</remarks>
    public CancellationToken Failed => _inner.Failed;

    /// <inheritdoc/>
    /// <remarks>Always null: the tasks, CPUs and accesses are the machine's own.</remarks>
    public ISimulatedHost? Simulator => null;

    /// <summary>Kernel events open now (one per task or CPU target of every installed reservation, and the flexible
    /// reservations' carriers); for diagnostics and tests.</summary>
    public int OpenEventCount => _armed.Snapshot().Sum(r => r.Events.Count) + _flex.CarrierCount;

    /// <summary>Task rings kept now (one software event each, which holds no debug-register slot); for diagnostics and tests.</summary>
    public int TaskRingCount => _taskRings.Count;

    /// <summary>The flexible reservations a kernel event holds now, once per event; for diagnostics and tests.</summary>
    public IReadOnlyList<long> ArmedFlexible => _flex.Armed;

    // The kernel's times of the flexible reservations' events, for tests.
    internal IReadOnlyList<PerfTimes> FlexibleKernelTimes => _flex.CarrierTimes;

    /// <inheritdoc/>
    public async Task OpenSessionAsync(SessionInfo session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await _inner.OpenSessionAsync(session, cancellationToken);
        _sessions[session.SessionId] = true;
        WatchSuspensions(session.SessionId);
    }

    /// <inheritdoc/>
    public EventSubscription<ReservationEvent> WatchReservations(string sessionId, int capacity) =>
        _inner.WatchReservations(sessionId, capacity);

    private void CloseEveryEvent()
    {
        _flex.RemoveWhere((_, _, _) => true);
        foreach (ArmedReservation reservation in _armed.TakeAll())
        {
            reservation.Close();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Closes every kernel event, stops the hit reader, ends every feed, then disposes the accounting host.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The pumps' calls into the accounting give up now: a notice handled while the host goes away (a watched thread that
        // ends with the test or the node) once waited forever for an answer, and with it the node's shutdown.
        await _stopping.CancelAsync();
        CloseEveryEvent();
        _flex.Dispose();
        _reader.Dispose();
        _taskRings.Dispose();
        await _noticePump;
        await Task.WhenAll(_watchers.Keys.ToList().Select(StopWatchingAsync));
        _feeds.CompleteAll();
        await _inner.DisposeAsync();
        _stopping.Dispose();
    }
}
