using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Audit;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Diagnostics;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Wire;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Sessions;

/// <summary>The node's session leases on the injected clock: open, renew, close, and release everything when a lease runs out.</summary>
/// <remarks>
/// A session is opened on every host of the node and leased by other nodes' hosts as it reaches them, so it may reserve anywhere;
/// closing it (or its lease running out) closes it on every host, which releases its reservations there and completes its event
/// feeds. Expired ids are remembered (bounded) so a late call learns FAILED_PRECONDITION rather than NOT_FOUND.
/// </remarks>
internal sealed partial class SessionRegistry(
    NodeHosts hosts,
    TimeProvider time,
    IOptions<HwbpNodeOptions> options,
    NodeMetrics metrics,
    SessionAudit audit,
    ILogger<SessionRegistry> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, NodeSession> live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> expired = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> expiredOrder = new();
    private readonly ConcurrentDictionary<Task, byte> ending = new();
    private readonly ConcurrentDictionary<string, int> perOwner = new(StringComparer.Ordinal);
    private readonly HwbpNodeOptions settings = options.Value;

    private ReservationQuota? reservations;

    /// <summary>Each token's reservations through this node, bounded by <c>--max-reservations-per-token</c>.</summary>
    /// <remarks>Made on first use (it reads the live sessions, which a field initializer cannot reach), published once.</remarks>
    public ReservationQuota Reservations =>
        LazyInitializer.EnsureInitialized(ref reservations, () => new ReservationQuota(hosts, settings.MaxReservationsPerToken, SessionsOf));

    /// <summary>Opens a session on every host with lease <paramref name="ttlMs"/> (0 = the node's default; capped).</summary>
    public async Task<NodeSession> OpenAsync(
        ClientKind kind, string clientName, Caller caller, uint ttlMs, CancellationToken cancellationToken)
    {
        // Counted before the session exists, so concurrent opens cannot pass the limit together.
        if (perOwner.AddOrUpdate(caller.Name, 1, (_, n) => n + 1) > settings.MaxSessionsPerToken)
        {
            perOwner.AddOrUpdate(caller.Name, 0, (_, n) => n - 1);
            throw RpcErrors.Error(StatusCode.ResourceExhausted,
                $"token '{caller.Name}' has {settings.MaxSessionsPerToken} sessions open on this node, the most --max-sessions-per-token allows; " +
                "close one first");
        }

        var ttl = TimeSpan.FromMilliseconds(ttlMs == 0 ? settings.SessionTtlMs : Math.Min(ttlMs, (uint)settings.MaxSessionTtlMs));
        var id = $"{settings.NodeName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var session = new NodeSession(new SessionInfo(id, kind, clientName, caller.Privileged), caller.Name, ttl, time.GetUtcNow() + ttl);
        try
        {
            await Task.WhenAll(hosts.Local.Select(h => h.OpenSessionAsync(session.Info, cancellationToken)));
        }
        catch
        {
            perOwner.AddOrUpdate(caller.Name, 0, (_, n) => n - 1);
            await CloseOnHostsAsync(session, "session-closed");
            session.Dispose();
            throw;
        }

        live[id] = session;
        audit.Opened(session);
        audit.Follow(session);
        hosts.SessionOpened(session.Info, ttl);
        session.Timer = time.CreateTimer(static s => ((Lease)s!).Registry.OnLeaseTimer(((Lease)s).Session), new Lease(this, session), ttl,
            Timeout.InfiniteTimeSpan);
        metrics.SessionOpened(kind);
        SessionLog.Opened(logger, id, kind, clientName, caller.Name, (int)ttl.TotalMilliseconds);
        return session;
    }

    /// <summary>The live session <paramref name="sessionId"/> of <paramref name="caller"/>.</summary>
    /// <exception cref="RpcException">
    /// INVALID_ARGUMENT (empty id), NOT_FOUND, FAILED_PRECONDITION (lease ran out), PERMISSION_DENIED (another token's).
    /// </exception>
    public NodeSession Get(string sessionId, Caller caller)
    {
        if (sessionId.Length == 0)
        {
            throw RpcErrors.InvalidArgument("session_id", "is required: open a session first");
        }

        if (!live.TryGetValue(sessionId, out var session))
        {
            throw expired.ContainsKey(sessionId)
                ? LeaseExpired(sessionId)
                : RpcErrors.NotFound($"session_id: session '{sessionId}' is not open on this node");
        }

        if (session.Owner != caller.Name)
        {
            throw RpcErrors.Error(StatusCode.PermissionDenied, $"session_id: session '{sessionId}' belongs to another token");
        }

        lock (session)
        {
            if (!session.Ended && time.GetUtcNow() < session.ExpiresAt)
            {
                return session;
            }
        }

        // The lease ran out before its timer fired: end it now rather than serve a call on it.
        Expire(session);
        throw LeaseExpired(sessionId);
    }

    private IEnumerable<NodeSession> SessionsOf(string owner) => [.. live.Values.Where(s => s.Owner == owner)];

    /// <summary>Whether <paramref name="sessionId"/> is a live session of this node opened with <paramref name="caller"/>'s token.</summary>
    public bool IsOwnedBy(string sessionId, Caller caller) => live.TryGetValue(sessionId, out var session) && session.Owner == caller.Name;

    /// <summary>Ends every live session opened by the tokens named <paramref name="owners"/>; returns how many ended.</summary>
    public async Task<int> EndOwnedByAsync(IReadOnlyCollection<string> owners, string reason)
    {
        var ends = new List<Task<int>>();
        foreach (var session in live.Values.Where(s => owners.Contains(s.Owner)))
        {
            lock (session)
            {
                if (session.Ended)
                {
                    continue;
                }

                session.Ended = true;
            }

            ends.Add(EndAsync(session, reason));
        }

        await Task.WhenAll(ends);
        return ends.Count;
    }

    /// <summary>Renews the session's lease for its whole TTL; returns the TTL.</summary>
    public TimeSpan KeepAlive(string sessionId, Caller caller)
    {
        var session = Get(sessionId, caller);
        lock (session)
        {
            if (session.Ended)
            {
                throw LeaseExpired(sessionId);
            }

            session.ExpiresAt = time.GetUtcNow() + session.Ttl;
            session.Timer?.Change(session.Ttl, Timeout.InfiniteTimeSpan);
        }

        hosts.SessionRenewed(sessionId);

        return session.Ttl;
    }

    /// <summary>Closes the session on every host; returns how many reservations were released.</summary>
    public Task<int> CloseAsync(string sessionId, Caller caller)
    {
        var session = Get(sessionId, caller);
        lock (session)
        {
            if (session.Ended)
            {
                throw LeaseExpired(sessionId);
            }

            session.Ended = true;
        }

        return EndAsync(session, "session-closed");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(ending.Keys);
        foreach (var session in live.Values)
        {
            session.Dispose();
        }
    }

    private static RpcException LeaseExpired(string sessionId) =>
        RpcErrors.Error(StatusCode.FailedPrecondition, $"session_id: the lease of session '{sessionId}' ran out; open a new session");

    private sealed record Lease(SessionRegistry Registry, NodeSession Session);
}
