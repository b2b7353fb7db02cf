using HwbpCluster.Hosts;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The leases of other nodes' sessions on this node's hosts: each call or renewal extends one, and a lease that runs out releases.</summary>
/// <remarks>
/// A session lives on the node that opened it; here it is only a lease. When its node dies, is cut off, or stops renewing, the
/// sweep closes the session on every local host it touched ("lease-expired"), without waiting for Akka to remove the member.
/// The table outlives membership incarnations: a node that is downed and rejoins keeps (and keeps expiring) its leases.
/// </remarks>
internal sealed class RemoteLeases : IAsyncDisposable
{
    private readonly Dictionary<string, Lease> bySession = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, IHwbpHost> hosts;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ITimer sweep;

    public RemoteLeases(IReadOnlyDictionary<string, IHwbpHost> hosts, TimeSpan sweepEvery, TimeProvider time, ILogger logger)
    {
        this.hosts = hosts;
        this.time = time;
        this.logger = logger;
        sweep = time.CreateTimer(_ => _ = SweepAsync(), null, sweepEvery, sweepEvery);
    }

    /// <summary>Extends <paramref name="session"/>'s lease on <paramref name="host"/>; opens the session there on first sight.</summary>
    public async Task TouchAsync(IHwbpHost host, SessionInfo session, TimeSpan lease, CancellationToken cancellationToken)
    {
        bool first;
        DateTimeOffset deadline;
        lock (bySession)
        {
            if (!bySession.TryGetValue(session.SessionId, out var entry))
            {
                bySession[session.SessionId] = entry = new Lease();
            }

            entry.Deadline = deadline = time.GetUtcNow() + lease;
            first = entry.Hosts.Add(host.Name);
        }

        if (first)
        {
            ClusterLog.LeaseOpened(logger, session.SessionId, host.Name, deadline);
            await host.OpenSessionAsync(session, cancellationToken);
        }
    }

    /// <summary>Extends the leases of <paramref name="sessionIds"/> (a renewal from their node; unknown ids are ignored).</summary>
    public void Renew(IEnumerable<string> sessionIds, TimeSpan lease)
    {
        var deadline = time.GetUtcNow() + lease;
        lock (bySession)
        {
            foreach (var id in sessionIds)
            {
                if (bySession.TryGetValue(id, out var entry))
                {
                    entry.Deadline = deadline;
                }
            }
        }
    }

    /// <summary>The session was closed on <paramref name="host"/> by its node: stop leasing it there.</summary>
    public void Forget(string sessionId, string host)
    {
        lock (bySession)
        {
            if (bySession.TryGetValue(sessionId, out var entry) && entry.Hosts.Remove(host) && entry.Hosts.Count == 0)
            {
                bySession.Remove(sessionId);
            }
        }
    }

    /// <summary>How many remote sessions hold a lease here.</summary>
    public int Count
    {
        get
        {
            lock (bySession)
            {
                return bySession.Count;
            }
        }
    }

    /// <summary>Closes every session whose lease ran out; returns how many reservations that released.</summary>
    public async Task<int> SweepAsync()
    {
        var now = time.GetUtcNow();
        List<(string Session, string[] Hosts, DateTimeOffset Deadline)> due;
        lock (bySession)
        {
            due = [.. bySession.Where(e => e.Value.Deadline <= now).Select(e => (e.Key, e.Value.Hosts.ToArray(), e.Value.Deadline))];
            foreach (var (session, _, _) in due)
            {
                bySession.Remove(session);
            }
        }

        foreach (var (session, names, deadline) in due)
        {
            ClusterLog.LeaseDue(logger, session, deadline, names.Length);
        }

        // All at once: a dead node's sessions expire together, and closing them one after another behind a busy host's queue
        // let the last ones outlive their lease by a second (the fault campaign saw it).
        var released = await Task.WhenAll(due.Select(e => ExpireAsync(e.Session, e.Hosts)));
        return released.Sum();
    }

    private async Task<int> ExpireAsync(string session, string[] names)
    {
        var released = await Task.WhenAll(names.Select(name => CloseAsync(session, name)));
        ClusterLog.LeaseExpired(logger, session, names.Length);
        return released.Sum();
    }

    private async Task<int> CloseAsync(string session, string name)
    {
        try
        {
            return await hosts[name].CloseSessionAsync(session, "lease-expired", CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ClusterLog.LeaseCloseFailed(logger, session, name, ex);
            return 0;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => sweep.DisposeAsync();

    private sealed class Lease
    {
        public DateTimeOffset Deadline { get; set; }

        public HashSet<string> Hosts { get; } = new(StringComparer.Ordinal);
    }
}
