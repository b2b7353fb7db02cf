using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>
/// Flexible (pinned = false) reservations multiplexed on real debug registers, which Linux itself never does: each kernel
/// target (a task, or a CPU) and pool has a rotation, and as many real perf events (carriers) as the kernel grants it, never
/// more than its members or the pool's slots. Every slice the pure core's <see cref="FlexibleRotation"/> says which members
/// run, and carriers are re-aimed at them in place (disable, read, MODIFY_ATTRIBUTES enabled).
/// </summary>
/// <remarks>
/// <para>A member's hits are the kernel's exact counts while a carrier held it; its time_running is the time carriers held
/// it, its time_enabled the time since it joined (summed over its targets, as perf sums per-CPU counters), both measured on
/// the host's clock around the kernel calls, not taken from the rotation's ideal slices (a late timer makes a hold longer);
/// the scaled count is hits × enabled / running.</para>
/// <para>Pinned always win: an open of pinned events that the kernel refuses for room takes carriers from the rotations that
/// compete with it, one at a time, until it fits (<see cref="OpenMakingRoom"/>). A rotation short of carriers asks the kernel
/// again every <see cref="GrowBackoff"/>, and at once after a pinned release (<see cref="Poke"/>).</para>
/// <para>One lock guards everything; the kernel calls made under it are short ioctls and opens.</para>
/// </remarks>
internal sealed partial class FlexibleMultiplexer : IDisposable
{
    /// <summary>How long a rotation waits before asking the kernel again for a carrier it was refused.</summary>
    public static readonly TimeSpan GrowBackoff = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly Dictionary<(BreakpointTarget Target, Pool Pool), FlexibleContext> _contexts = [];
    private readonly Dictionary<long, FlexibleMember> _members = [];
    private readonly Dictionary<ulong, Carrier> _byEvent = [];
    private readonly ArchProfile _profile;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly TimeSpan _slice;
    private readonly PerfBreakpointOptions _options;
    private readonly Action<PerfBreakpoint> _attach;
    private readonly Func<int, Task> _taskGone;
    private ITimer? _timer;
    private bool _disposed;

    // The rotations' time: one slice per tick, however late the timer fired, so that every tick moves each rotation on by
    // exactly one slice and the members' turns stay fair; the holds themselves are timed on the host's clock.
    private TimeSpan _sliceClock;

    /// <param name="profile">The machine's slots per pool.</param>
    /// <param name="time">The host's clock: slices, time_enabled and time_running.</param>
    /// <param name="slice">The rotation's time slice (perf's 4 ms by default).</param>
    /// <param name="options">How carriers are opened (ring buffers, wakeups).</param>
    /// <param name="attach">Streams a new carrier's samples (the host's hit reader).</param>
    /// <param name="taskGone">Told (off the lock) when the kernel says a member's task no longer exists.</param>
    public FlexibleMultiplexer(ArchProfile profile, TimeProvider time, TimeSpan slice, PerfBreakpointOptions options,
        Action<PerfBreakpoint> attach, Func<int, Task> taskGone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slice, TimeSpan.Zero);
        _profile = profile;
        _time = time;
        _start = time.GetTimestamp();
        _slice = slice;
        _options = options with { StartEnabled = true, Inherit = false, CountOnly = false };
        _attach = attach;
        _taskGone = taskGone;
    }

    /// <summary>Kernel events the rotations hold now; for diagnostics and tests.</summary>
    public int CarrierCount
    {
        get
        {
            lock (_gate)
            {
                return _byEvent.Count;
            }
        }
    }

    /// <summary>The members a carrier holds now (a member with several targets appears once per carrier).</summary>
    public IReadOnlyList<long> Armed
    {
        get
        {
            lock (_gate)
            {
                return [.. _byEvent.Values.Select(c => c.Holds.Id)];
            }
        }
    }

    /// <summary>The kernel's own time_enabled and time_running of every carrier; for tests to hold the accounting against.</summary>
    public IReadOnlyList<PerfTimes> CarrierTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _byEvent.Values.Select(c => c.Event.ReadTimes())];
            }
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_start);

    /// <summary>The member's spec and session, or null if it is not a member.</summary>
    public (Arbitration.BreakpointSpec Spec, string SessionId)? Find(long id)
    {
        lock (_gate)
        {
            return _members.TryGetValue(id, out FlexibleMember? member) ? (member.Spec, member.SessionId) : null;
        }
    }

    /// <summary>Joins a reservation to the rotation of each of its targets and gives it a carrier where the kernel has room.</summary>
    /// <returns>A refusal other than no room (not permitted, invalid, no such task): then it joined nothing.</returns>
    public PerfFailure? Add(long id, string sessionId, Scope scope, Arbitration.BreakpointSpec spec, BreakpointTarget[] targets)
    {
        var gone = new List<int>();
        PerfFailure? refused = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            TimeSpan now = Now;
            var member = new FlexibleMember(id, sessionId, scope, spec, targets, now) { Pool = _profile.PoolOf(spec.Access) };
            _members.Add(id, member);
            foreach (BreakpointTarget target in targets)
            {
                FlexibleContext context = ContextOf(target, member.Pool, now);
                context.Members.Add(id, member);
                context.Rotation.Add(id, _sliceClock);
                context.GrowAfter = TimeSpan.Zero;

                // At reserve a vanished task is the caller's NotFound, not a notice: every refusal but no room refuses.
                refused ??= Rebalance(context, now, gone: null);
            }

            if (refused is not null)
            {
                Leave(member, now);
            }

            EnsureTicking();
        }

        ReportGone(gone);
        return refused;
    }

    /// <summary>Takes out every member that matches (by id, session and scope); returns their sessions and ids.</summary>
    public IReadOnlyList<(string SessionId, long Id)> RemoveWhere(Func<long, string, Scope, bool> match)
    {
        lock (_gate)
        {
            TimeSpan now = Now;
            List<FlexibleMember> leaving = [.. _members.Values.Where(m => match(m.Id, m.SessionId, m.Scope))];
            leaving.ForEach(m => Leave(m, now));
            return [.. leaving.Select(m => (m.SessionId, m.Id))];
        }
    }

    /// <summary>Re-aims a member: the carriers holding it now change at once, the others when they take it.</summary>
    /// <returns>The kernel's refusal (the member keeps its old spec), or null; null too if it is not a member.</returns>
    public PerfFailure? Repoint(long id, Arbitration.BreakpointSpec spec)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(id, out FlexibleMember? member))
            {
                return null;
            }

            Arbitration.BreakpointSpec old = member.Spec;
            if (_profile.PoolOf(spec.Access) != member.Pool)
            {
                return new PerfFailure(PerfErrorKind.InvalidArgument, 0, "modify",
                    $"a flexible reservation cannot move between the {_profile.PoolName(member.Pool)} and "
                    + $"{_profile.PoolName(_profile.PoolOf(spec.Access))} pools in place; release it and reserve again");
            }

            member.Spec = spec;
            TimeSpan now = Now;
            foreach (Carrier carrier in _byEvent.Values.Where(c => c.Holds == member).ToList())
            {
                if (HandOver(ContextOf(carrier), carrier, member, now) is { } failure)
                {
                    member.Spec = old;
                    return failure;
                }
            }

            return null;
        }
    }

    /// <summary>The members' hits (the kernel's exact counts while held), losses, time_enabled and time_running, all at one
    /// instant (so that their times add up); ids that are not members are left out.</summary>
    public IReadOnlyDictionary<long, FlexibleCounts> CountsOf(IEnumerable<long> ids)
    {
        lock (_gate)
        {
            TimeSpan now = Now;
            var counts = new Dictionary<long, FlexibleCounts>();
            foreach (long id in ids)
            {
                if (_members.TryGetValue(id, out FlexibleMember? member))
                {
                    counts[id] = CountsOf(member, now);
                }
            }

            return counts;
        }
    }

    private FlexibleCounts CountsOf(FlexibleMember member, TimeSpan now)
    {
        ulong hits = member.HitsDone;
        TimeSpan running = member.RunningDone;
        foreach (Carrier carrier in _byEvent.Values.Where(c => c.Holds == member))
        {
            hits += ReadCount(carrier) - carrier.Base;
            running += now - carrier.Since;
        }

        return new FlexibleCounts(hits, member.Losses, (now - member.Joined) * member.Targets.Length, running);
    }

    /// <summary>Closes every carrier and stops the rotations.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            TimeSpan now = Now;
            foreach (FlexibleMember member in _members.Values.ToList())
            {
                Leave(member, now);
            }
        }
    }

    // Leaves every rotation; the carriers it held go to the others, or close when fewer members than carriers remain.
    private void Leave(FlexibleMember member, TimeSpan now)
    {
        _members.Remove(member.Id);
        foreach (BreakpointTarget target in member.Targets)
        {
            if (!_contexts.TryGetValue((target, member.Pool), out FlexibleContext? context))
            {
                continue;
            }

            context.Members.Remove(member.Id);
            context.Rotation.Remove(member.Id, _sliceClock);
            _ = Rebalance(context, now, gone: null, grow: false);
            if (context.Members.Count == 0)
            {
                _contexts.Remove((context.Target, context.Pool));
            }
        }

        if (_members.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private FlexibleContext ContextOf(BreakpointTarget target, Pool pool, TimeSpan now)
    {
        if (!_contexts.TryGetValue((target, pool), out FlexibleContext? context))
        {
            context = new FlexibleContext(target, pool, new FlexibleRotation(_slice, _sliceClock));
            _contexts.Add((target, pool), context);
        }

        return context;
    }

    private FlexibleContext ContextOf(Carrier carrier) =>
        _contexts.Values.First(c => c.Carriers.Contains(carrier));

    private void ReportGone(List<int> gone)
    {
        foreach (int tid in gone.Distinct())
        {
            _ = Task.Run(() => _taskGone(tid));
        }
    }
}
