namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>Holds taken for a coordinator outside the host (a fleet prepare): which requests hold room, until when, and
/// what a commit, an abort or the passing of time decides for each.</summary>
/// <remarks>
/// <para>The room itself is held where every hold lives, in the CPU ledgers (<see cref="CpuLedger.Prepare"/> under the
/// request id); this book only adds a deadline to such a request, so that a hold whose coordinator died (and will never
/// commit or abort) gives its room back by itself. The host's owner consults it and then commits or aborts the request's
/// ledger holds on every CPU at once, so a request is never committed on one CPU and expired on another.</para>
/// <para>A commit that arrives at or after the deadline is too late: the hold expires instead (the coordinator must be told
/// ABORTED, never given a reservation it may already have reported as rolled back). Pure: time is passed in.</para>
/// </remarks>
public sealed class HeldRequests
{
    private readonly Dictionary<long, DateTimeOffset> _deadlines = [];

    /// <summary>Requests held and not yet decided.</summary>
    public int Count => _deadlines.Count;

    /// <summary>The earliest deadline of any hold, or null when none is held (when the owner should next call <see cref="Expire"/>).</summary>
    public DateTimeOffset? NextDeadline => _deadlines.Count == 0 ? null : _deadlines.Values.Min();

    /// <summary>Is <paramref name="requestId"/> held and undecided?</summary>
    public bool IsHeld(long requestId) => _deadlines.ContainsKey(requestId);

    /// <summary>Records that <paramref name="requestId"/> now holds its room until <paramref name="deadline"/>.</summary>
    /// <exception cref="ArgumentException">The request is already held.</exception>
    public void Hold(long requestId, DateTimeOffset deadline)
    {
        if (!_deadlines.TryAdd(requestId, deadline))
        {
            throw new ArgumentException($"request {requestId} is already held", nameof(requestId));
        }
    }

    /// <summary>The coordinator commits <paramref name="requestId"/> at <paramref name="now"/>: the verdict says whether its
    /// holds become permanent (<see cref="HoldVerdict.Commit"/>) or are given back (<see cref="HoldVerdict.Expired"/>). Either
    /// way the request leaves the book.</summary>
    public HoldVerdict Commit(long requestId, DateTimeOffset now)
    {
        if (!_deadlines.Remove(requestId, out var deadline))
        {
            return HoldVerdict.Unknown;
        }

        return now < deadline ? HoldVerdict.Commit : HoldVerdict.Expired;
    }

    /// <summary>The coordinator aborts <paramref name="requestId"/>; false when it was not held (already decided or expired).</summary>
    public bool Abort(long requestId) => _deadlines.Remove(requestId);

    /// <summary>Takes out every hold whose deadline is at or before <paramref name="now"/>, in request order: their room must be given back.</summary>
    public IReadOnlyList<long> Expire(DateTimeOffset now)
    {
        var expired = _deadlines.Where(d => d.Value <= now).Select(d => d.Key).Order().ToArray();
        foreach (var id in expired)
        {
            _deadlines.Remove(id);
        }

        return expired;
    }
}
