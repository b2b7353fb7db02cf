using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Audit;

/// <summary>
/// Turns what happens to this node's sessions into audit records: opened and ended at the registry, granted and refused at the
/// API's edge, and everything the hosts do to their reservations afterwards (preempted, suspended, resumed, released,
/// lease expiry) from the session's reservation feed on every host, followed from the moment the session opens.
/// </summary>
internal sealed class SessionAudit(AuditLog log, NodeHosts hosts, TimeProvider time)
{
    // Deep enough that a burst of one session's events is not lost while the writer catches up.
    private const int FeedCapacity = 4096;

    public bool Enabled => log.Enabled;

    public void Opened(NodeSession session) =>
        log.Write(Record("session-opened", session) with { Detail = $"client '{session.Info.ClientName}', lease {session.Ttl.TotalMilliseconds:0} ms" });

    public void Ended(NodeSession session, string reason, int released) =>
        log.Write(Record("session-ended", session) with { Detail = $"{reason}: {released} reservations released" });

    public void Granted(NodeSession session, ReservationView view) => log.Write(Of("granted", session, view) with
    {
        Detail = view.State.ToString().ToLowerInvariant(),
    });

    public void Refused(NodeSession session, string host, string scope, Grpc.Core.Status status) =>
        log.Write(Record("refused", session) with { Host = host, Scope = scope, Detail = $"{status.StatusCode}: {status.Detail}" });

    /// <summary>Follows the session's reservation events on every host until the hosts end its feeds (the session ended).</summary>
    public void Follow(NodeSession session)
    {
        if (!log.Enabled)
        {
            return;
        }

        var feeds = hosts.All.Select(h => h.WatchReservations(session.Id, FeedCapacity)).ToArray();
        foreach (var feed in feeds)
        {
            _ = PumpAsync(session, feed);
        }
    }

    private async Task PumpAsync(NodeSession session, EventSubscription<ReservationEvent> feed)
    {
        await using (feed)
        {
            await foreach (var change in feed.ReadAllAsync())
            {
                log.Write(Of(EventName(change), session, change.Reservation) with { Time = change.Time, Detail = change.Reason });
            }
        }
    }

    // The host's reasons, named as the audit's events: "preempted-by kgdb" is a preemption, "guest-enter" a suspension.
    private static string EventName(ReservationEvent change) => change switch
    {
        { Reservation.State: ReservationStatus.Released, Reason: "lease-expired" } => "lease-expired",
        { Reservation.State: ReservationStatus.Released } => "released",
        { Reason: var r } when r.StartsWith("preempted-by", StringComparison.Ordinal) => "preempted",
        { Reason: "guest-enter" } or { Reservation.State: ReservationStatus.Suspended } => "suspended",
        { Reason: "guest-exit" or "resumed" } => "resumed",
        { Reason: var r } => r,
    };

    private AuditRecord Of(string name, NodeSession session, ReservationView view) => Record(name, session) with
    {
        Host = view.Host,
        Reservation = ReservationIds.Format(view.Host, view.Id),
        Scope = view.Scope.ToString(),
        Cpus = view.Scope.Kind is ScopeKind.Cpu or ScopeKind.TaskOnCpu ? [view.Scope.Cpu] : null,
    };

    private AuditRecord Record(string name, NodeSession session) =>
        new(time.GetUtcNow(), name, session.Owner, session.Id) { Kind = session.Kind.ToString().ToLowerInvariant() };
}
