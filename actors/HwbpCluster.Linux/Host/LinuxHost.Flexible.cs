using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;
using HwbpCluster.Linux.Host.Internal.Flexible;

namespace HwbpCluster.Linux.Host;

/// <summary>Flexible reservations: admitted by the accounting (which never counts them), then rotated on real events.</summary>
public sealed partial class LinuxHost
{
    /// <summary>
    /// Joins an admitted flexible reservation to the rotation of each kernel target of its scope. No room in the kernel is
    /// no refusal (it waits its turn, time_running 0, as perf's flexible counters do); any other refusal of its first carrier
    /// (no such task, not permitted, invalid) undoes the admission and throws as a pinned install does.
    /// </summary>
    private async Task InstallFlexibleAsync(string sessionId, ReservationView view, long closes)
    {
        Linux.BreakpointTarget[] targets = KernelTargets.For(view.Scope, Description.Profile.CpuCount);
        PerfFailure? refused;
        bool closed;
        lock (_gate)
        {
            // As for pinned installs: a close of the session that began after this admission has released it.
            closed = _sessionCloses.GetValueOrDefault(sessionId) != closes || Volatile.Read(ref _disposed) != 0;
            refused = closed ? null : _flex.Add(view.Id, sessionId, view.Scope, view.Spec, targets);
        }

        if (closed)
        {
            throw new HostException(HostError.NotFound, $"session {sessionId} was closed while reservation {view.Id} was being installed");
        }

        if (refused is not null)
        {
            LinuxHostLog.KernelRefused(_log, Name, view.Id, view.Scope.ToString(), refused.ToString());
            await UndoAdmissionAsync(sessionId, view.Id);
            throw KernelRefusals.ToHostException(refused, view.Scope, Name);
        }
    }

    // Flexible reservations' figures are the multiplexer's, all at one instant: the kernel's counts while held, the holds' times.
    private IReadOnlyList<ReservationView> WithFlexibleCounts(IReadOnlyList<ReservationView> views)
    {
        IReadOnlyDictionary<long, FlexibleCounts> counts = _flex.CountsOf(views.Where(v => !v.Pinned).Select(v => v.Id));
        return [.. views.Select(v => counts.TryGetValue(v.Id, out FlexibleCounts c)
            ? v with { Hits = c.Hits, Losses = c.Losses, TimeEnabled = c.Enabled, TimeRunning = c.Running }
            : v)];
    }

    // As for pinned: the accounting changes first, then the carriers holding it are re-aimed; a refusal puts both back.
    private async Task<ReservationView> ModifyFlexibleAsync(string sessionId, long reservationId, Arbitration.BreakpointSpec old,
        Arbitration.BreakpointSpec spec, CancellationToken cancellationToken)
    {
        ReservationView view = await _inner.ModifyAsync(sessionId, reservationId, spec, cancellationToken);
        if (_flex.Repoint(reservationId, view.Spec) is { } failure)
        {
            await UndoModifyAsync(sessionId, reservationId, old);
            throw KernelRefusals.ToHostException(failure, view.Scope, Name);
        }

        return WithFlexibleCounts([view])[0];
    }
}
