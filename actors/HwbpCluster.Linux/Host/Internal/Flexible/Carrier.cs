namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>One real perf event of a rotation, re-aimed from member to member; it remembers whom it held when, to route samples.</summary>
/// <remarks>Touched only under the multiplexer's lock.</remarks>
internal sealed class Carrier(PerfBreakpoint kernelEvent, FlexibleMember holds, TimeSpan since)
{
    // Samples reach the host up to a poll timeout after the hit; a second of holds covers any sample still in flight.
    private const long HistoryNs = 1_000_000_000;

    private readonly List<(long FromNs, FlexibleMember Member)> _history = [(0, holds)];

    public PerfBreakpoint Event { get; } = kernelEvent;

    /// <summary>The member it is aimed at now.</summary>
    public FlexibleMember Holds { get; private set; } = holds;

    /// <summary>The kernel's count of this event when it took <see cref="Holds"/>.</summary>
    public ulong Base { get; private set; }

    /// <summary>Host time when it took <see cref="Holds"/>.</summary>
    public TimeSpan Since { get; private set; } = since;

    /// <summary>Credits the current member with the hits and time of its hold, up to <paramref name="count"/> and <paramref name="now"/>.</summary>
    public void Settle(ulong count, TimeSpan now)
    {
        Holds.HitsDone += count - Base;
        Holds.RunningDone += now - Since;
        Base = count;
        Since = now;
    }

    /// <summary>Takes <paramref name="next"/> from <paramref name="boundaryNs"/> on (after <see cref="Settle"/>).</summary>
    public void Take(FlexibleMember next, long boundaryNs)
    {
        Holds = next;
        _history.Add((boundaryNs, next));
        int stale = _history.FindIndex(h => h.FromNs > boundaryNs - HistoryNs);
        if (stale > 1)
        {
            _history.RemoveRange(0, stale - 1);
        }
    }

    /// <summary>The member the carrier held when the kernel took a sample at <paramref name="sampleNs"/> (CLOCK_MONOTONIC).</summary>
    public FlexibleMember HolderAt(ulong sampleNs)
    {
        for (int i = _history.Count - 1; i > 0; i--)
        {
            if ((ulong)_history[i].FromNs <= sampleNs)
            {
                return _history[i].Member;
            }
        }

        return _history[0].Member;
    }
}
