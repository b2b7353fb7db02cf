using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>The kernel events close first, so whatever the accounting serves next from its queue finds the slots free.</remarks>
    public async Task ReleaseAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default)
    {
        _armed.Take(sessionId, reservationId)?.Close();
        await _inner.ReleaseAsync(sessionId, reservationId, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Closes the session's kernel events, then releases it in the accounting and ends its hit feeds.</remarks>
    public async Task<int> CloseSessionAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ArmedReservation> closing;
        lock (_gate)
        {
            // Counted so that a reservation admitted before this close but installed after it is closed rather than kept.
            _sessionCloses[sessionId] = _sessionCloses.GetValueOrDefault(sessionId) + 1;
            _sessions.TryRemove(sessionId, out _);
            closing = _armed.TakeSession(sessionId);
        }

        foreach (ArmedReservation reservation in closing)
        {
            reservation.Close();
        }

        try
        {
            int released = await _inner.CloseSessionAsync(sessionId, reason, cancellationToken);
            return released;
        }
        finally
        {
            _feeds.CompleteSession(sessionId);
            await StopWatchingAsync(sessionId);
        }
    }
}
