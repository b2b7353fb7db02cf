namespace HwbpCluster.Arbitration.Policy;

/// <summary>Moving time forward: partial slice, whole slices in closed form, partial slice.</summary>
public sealed partial class FlexibleRotation
{
    /// <summary>Accounts time up to <paramref name="now"/> with the previous free-slot count, then takes <paramref name="freeSlots"/> as the new one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Time went backwards, or the free-slot count is negative.</exception>
    public void Advance(TimeSpan now, int freeSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(now, _now);
        ArgumentOutOfRangeException.ThrowIfNegative(freeSlots);
        if (_members.Count > 0)
        {
            Account(now);
        }

        _now = now;
        _free = freeSlots;
    }

    private void Account(TimeSpan now)
    {
        var slice = Slice.Ticks;
        var t = _now.Ticks;
        var end = now.Ticks;

        // The rest of the current slice, if time reaches its end.
        var boundary = ((t / slice) + 1) * slice;
        if (t % slice != 0 || boundary > end)
        {
            var stop = Math.Min(boundary, end);
            RunWindow(stop - t);
            if (stop == boundary)
            {
                Rotate(1);
            }

            t = stop;
        }

        // Whole slices: the windows cover k·f consecutive ring positions from the cursor.
        var whole = (end - t) / slice;
        if (whole > 0)
        {
            RunWholeSlices(whole, slice);
            t += whole * slice;
        }

        // The start of the last slice.
        if (end > t)
        {
            RunWindow(end - t);
        }
    }

    private void RunWindow(long ticks)
    {
        var n = _members.Count;
        var f = Math.Min(_free, n);
        foreach (var member in _members)
        {
            member.Enabled += ticks;
        }

        for (var j = 0; j < f; j++)
        {
            _members[(_cursor + j) % n].Running += ticks;
        }
    }

    private void RunWholeSlices(long whole, long slice)
    {
        var n = _members.Count;
        var f = Math.Min(_free, n);
        var covered = whole * f;
        for (var i = 0; i < n; i++)
        {
            var member = _members[i];
            member.Enabled += whole * slice;
            if (f == n)
            {
                member.Running += whole * slice;
                continue;
            }

            var offset = ((i - _cursor) % n + n) % n;
            member.Running += ((covered / n) + (offset < covered % n ? 1 : 0)) * slice;
        }

        Rotate(whole);
    }

    private void Rotate(long slices)
    {
        var n = _members.Count;
        var f = Math.Min(_free, n);
        if (n > 0 && f < n)
        {
            _cursor = (int)((_cursor + (slices * f % n)) % n);
        }
    }

    private sealed class Member(long id)
    {
        public long Id { get; } = id;

        public long Enabled { get; set; }

        public long Running { get; set; }

        public FlexibleTimes Times => new(TimeSpan.FromTicks(Enabled), TimeSpan.FromTicks(Running));
    }
}
