using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>The kernel events close first, so whatever the accounting serves next from its queue finds the slots free.</remarks>
    public async Task ReleaseAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default)
    {
        // A process reservation's events are kept under its group id; releasing any of its parts releases all (and them).
        ArmedReservation? armed = _armed.Take(sessionId, reservationId) ?? await TakeGroupAsync(sessionId, reservationId);
        armed?.Close();
        try
        {
            await _inner.ReleaseAsync(sessionId, reservationId, cancellationToken);
        }
        catch (HostException ex) when (ex.Error == HostError.NotFound && armed?.Scope.Kind == Arbitration.ScopeKind.Process)
        {
            // The process reservation's first part left with its thread: any part still live releases the rest.
            IReadOnlyList<ReservationView> views = await _inner.ListReservationsAsync(sessionId, cancellationToken);
            if (views.FirstOrDefault(v => v.Process?.Group == armed.Id) is { } part)
            {
                await _inner.ReleaseAsync(sessionId, part.Id, cancellationToken);
            }
        }
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
