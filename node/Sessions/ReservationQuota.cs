using System.Collections.Concurrent;
using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Sessions;

/// <summary>
/// <c>--max-reservations-per-token</c>: how many reservations one token's sessions on this node may hold at once, on any host of
/// the cluster (this node's sessions reserve on other nodes' hosts through it, so the count lives here).
/// </summary>
/// <remarks>
/// <para>The count is kept from what passes through this node: a claim before each reserve (so concurrent calls cannot pass
/// the limit together), the grants it turned into, releases asked for here, and a session's whole count when it ends (closed,
/// lease expired, token revoked).</para>
/// <para>Hosts also end reservations on their own (a task exits, a queued request is withdrawn) and create some (a fork
/// inheriting its parent's). So a claim that would pass the limit first recounts the token's reservations from the hosts,
/// and is refused only if the recount confirms it: a stale count never refuses wrongly. Reservations a host creates by
/// itself are never refused, only counted from the next recount on. Hosts this node cannot reach during a recount keep the
/// session's previous count.</para>
/// </remarks>
internal sealed class ReservationQuota(NodeHosts hosts, int limit, Func<string, IEnumerable<NodeSession>> sessionsOf)
{
    private readonly ConcurrentDictionary<string, TokenCount> byToken = new(StringComparer.Ordinal);

    /// <summary>The most reservations one token may hold.</summary>
    public int Limit => limit;

    /// <summary>Reservations the token's sessions hold (and claim, in calls under way) as this node counts them now.</summary>
    public int HeldBy(string token) => byToken.TryGetValue(token, out var count) ? count.Value : 0;

    /// <summary>Claims room for <paramref name="count"/> reservations of <paramref name="session"/>; dispose the claim when the
    /// call ends, after <see cref="Claim.Granted"/> said how many it got.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED naming the limit when the token's recounted reservations leave no room.</exception>
    public async Task<Claim> ClaimAsync(NodeSession session, int count, CancellationToken cancellationToken)
    {
        var token = byToken.GetOrAdd(session.Owner, _ => new TokenCount());
        if (token.Add(count) > limit && await RecountAsync(session.Owner, token, cancellationToken) > limit)
        {
            token.Add(-count);
            throw RpcErrors.Error(StatusCode.ResourceExhausted,
                $"token '{session.Owner}' holds {token.Value} reservations through this node and asks for {count} more; " +
                $"--max-reservations-per-token allows {limit}: release some first");
        }

        return new Claim(session, token, count);
    }

    /// <summary><paramref name="count"/> reservations of <paramref name="session"/> were released through this node.</summary>
    public void Released(NodeSession session, int count)
    {
        if (count > 0 && byToken.TryGetValue(session.Owner, out var token))
        {
            Hold(session, token, -count);
        }
    }

    /// <summary>The session ended: everything it held is released (its hosts closed it, or its leases there run out).</summary>
    public void Ended(NodeSession session)
    {
        if (byToken.TryGetValue(session.Owner, out var token))
        {
            token.Add(-session.TakeHeld());
        }
    }

    // Adds to the session and its token alike; a session that ended meanwhile gives everything back at once.
    private static void Hold(NodeSession session, TokenCount token, int delta)
    {
        session.AddHeld(delta);
        token.Add(delta);
        if (session.Ended)
        {
            token.Add(-session.TakeHeld());
        }
    }

    // Sets each live session's count of the token to what its hosts list; returns the token's new total (claims included).
    private async Task<int> RecountAsync(string owner, TokenCount token, CancellationToken cancellationToken)
    {
        await token.Recounting.WaitAsync(cancellationToken);
        try
        {
            var targets = hosts.All;
            foreach (var session in sessionsOf(owner).Where(s => !s.Ended))
            {
                var counted = session.Held;
                if (await CountOnHostsAsync(targets, session.Id, cancellationToken) is { } actual)
                {
                    Hold(session, token, actual - counted);
                }
            }

            return token.Value;
        }
        finally
        {
            token.Recounting.Release();
        }
    }

    private static async Task<int?> CountOnHostsAsync(IReadOnlyList<IHwbpHost> targets, string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            var lists = await Task.WhenAll(targets.Select(h => h.ListReservationsAsync(sessionId, cancellationToken)));
            return lists.Sum(l => l.Count);
        }
        catch (HostException)
        {
            return null; // a host out of reach: keep the count this node has
        }
    }

    /// <summary>Room claimed for one call: what it was granted is held; the rest goes back when disposed.</summary>
    internal sealed class Claim(NodeSession session, TokenCount token, int claimed) : IDisposable
    {
        private int granted;
        private bool disposed;

        /// <summary>The call got <paramref name="count"/> reservations (at most what it claimed).</summary>
        public void Granted(int count) => granted = Math.Clamp(count, 0, claimed);

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            token.Add(-claimed);
            if (granted > 0)
            {
                Hold(session, token, granted);
            }
        }
    }

    /// <summary>One token's count, and the gate that lets one recount run at a time.</summary>
    internal sealed class TokenCount
    {
        private int value;

        public SemaphoreSlim Recounting { get; } = new(1, 1);

        public int Value => Volatile.Read(ref value);

        public int Add(int delta) => Interlocked.Add(ref value, delta);
    }
}
