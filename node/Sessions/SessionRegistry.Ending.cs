using HwbpCluster.Hosts;

namespace HwbpCluster.Node.Sessions;

/// <summary>Lease expiry and the release of a session's reservations on every host.</summary>
internal sealed partial class SessionRegistry
{
    private void OnLeaseTimer(NodeSession session)
    {
        lock (session)
        {
            if (session.Ended)
            {
                return;
            }

            // A keep-alive may have raced the timer: re-arm for what is left of the renewed lease.
            var left = session.ExpiresAt - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                session.Timer?.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Expire(session);
    }

    private void Expire(NodeSession session)
    {
        lock (session)
        {
            if (session.Ended)
            {
                return;
            }

            session.Ended = true;
        }

        RememberExpired(session.Id);
        var end = EndAsync(session, "lease-expired");
        ending.TryAdd(end, 0);
        _ = end.ContinueWith(
            t => ending.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RememberExpired(string sessionId)
    {
        if (settings.ExpiredSessionMemory == 0 || !expired.TryAdd(sessionId, 0))
        {
            return;
        }

        expiredOrder.Enqueue(sessionId);
        while (expiredOrder.Count > settings.ExpiredSessionMemory && expiredOrder.TryDequeue(out var oldest))
        {
            expired.TryRemove(oldest, out _);
        }
    }

    private async Task<int> EndAsync(NodeSession session, string reason)
    {
        if (live.TryRemove(session.Id, out _))
        {
            perOwner.AddOrUpdate(session.Owner, 0, (_, n) => n - 1);
        }

        session.Timer?.Dispose();
        var (released, failed) = await CloseOnHostsAsync(session, reason);
        Reservations.Ended(session);
        if (failed)
        {
            // A host that could not close will not complete its feeds either; end the streams here rather than leave them open.
            // Otherwise the hosts complete the feeds themselves, after the release events: ending them here would race those.
            session.SignalEnded();
        }

        metrics.SessionEnded(session.Kind, reason);
        audit.Ended(session, reason, released);
        SessionLog.Ended(logger, session.Id, reason, released);
        session.Dispose();
        return released;
    }

    // Every host at once, this node's and other nodes': one busy host must not hold back the others' releases.
    private async Task<(int Released, bool Failed)> CloseOnHostsAsync(NodeSession session, string reason)
    {
        var local = hosts.Local.Select(host => CloseOnHostAsync(session, host, reason)).ToArray();

        // Other nodes' hosts: a node that cannot be reached releases by itself when the session's lease there runs out.
        var remote = hosts.SessionEndedAsync(session.Id, reason);
        var closed = await Task.WhenAll(local);
        return (closed.Sum(c => c ?? 0) + await remote, closed.Any(c => c is null));
    }

    // The count released on the host, or null when it could not close (logged; the other hosts still close).
    private async Task<int?> CloseOnHostAsync(NodeSession session, IHwbpHost host, string reason)
    {
        try
        {
            return await host.CloseSessionAsync(session.Id, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SessionLog.CloseFailed(logger, session.Id, host.Name, ex);
            return null;
        }
    }
}
