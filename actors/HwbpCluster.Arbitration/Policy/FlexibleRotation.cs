namespace HwbpCluster.Arbitration.Policy;

/// <summary>One CPU pool's rotation of flexible (unpinned) reservations through the slots the pinned ones leave free.</summary>
/// <remarks>
/// <para>Deterministic in the times passed in: time is cut into slices of <see cref="Slice"/> aligned on multiples of it; in
/// each slice the next f reservations in a ring (f = free slots) run, then the window moves on by f. Over any n consecutive
/// slices with n members and f free slots every member runs exactly f slices, so the shares are fair to within one slice.</para>
/// <para>The caller reports every change of the free-slot count with <see cref="Advance"/> (the count is taken as constant
/// since the previous call). Never reads a clock. Not thread-safe. Cost O(members) per call, however much time passed.</para>
/// </remarks>
public sealed partial class FlexibleRotation
{
    /// <summary>perf's default multiplexing interval.</summary>
    public static readonly TimeSpan DefaultSlice = TimeSpan.FromMilliseconds(4);

    private readonly List<Member> _members = [];
    private int _cursor;
    private int _free;
    private TimeSpan _now;

    /// <summary>Creates an empty rotation with slices of <paramref name="slice"/> (default 4 ms), starting at time <paramref name="start"/>.</summary>
    public FlexibleRotation(TimeSpan? slice = null, TimeSpan start = default)
    {
        Slice = slice ?? DefaultSlice;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Slice, TimeSpan.Zero);
        _now = start;
    }

    /// <summary>Length of one time slice.</summary>
    public TimeSpan Slice { get; }

    /// <summary>The time accounted up to.</summary>
    public TimeSpan Now => _now;

    /// <summary>Number of flexible reservations in the rotation.</summary>
    public int Count => _members.Count;

    /// <summary>The reservations armed now, in ring order.</summary>
    public IReadOnlyList<long> Running
    {
        get
        {
            var n = _members.Count;
            var running = new long[Math.Min(_free, n)];
            for (var j = 0; j < running.Length; j++)
            {
                running[j] = _members[(_cursor + j) % n].Id;
            }

            return running;
        }
    }

    /// <summary>Joins a reservation at time <paramref name="now"/>, at the end of the ring.</summary>
    public void Add(long reservationId, TimeSpan now)
    {
        Advance(now, _free);
        if (_members.Exists(m => m.Id == reservationId))
        {
            throw new ArgumentException($"reservation {reservationId} is already in the rotation", nameof(reservationId));
        }

        _members.Add(new Member(reservationId));
    }

    /// <summary>Leaves the rotation at time <paramref name="now"/>; returns its final times, or null if it was not a member.</summary>
    public FlexibleTimes? Remove(long reservationId, TimeSpan now)
    {
        Advance(now, _free);
        var index = _members.FindIndex(m => m.Id == reservationId);
        if (index < 0)
        {
            return null;
        }

        var times = _members[index].Times;
        _members.RemoveAt(index);
        if (index < _cursor)
        {
            _cursor--;
        }

        if (_cursor >= _members.Count)
        {
            _cursor = 0;
        }

        return times;
    }

    /// <summary>time_enabled and time_running of a member, up to <see cref="Now"/>.</summary>
    public FlexibleTimes? TimesOf(long reservationId) => _members.Find(m => m.Id == reservationId)?.Times;
}
