using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>The kernel events close first, so whatever the accounting serves next from its queue finds the slots free;
    /// flexible reservations short of carriers then ask the kernel for the room at once.</remarks>
    public async Task ReleaseAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default)
    {
        if (_flex.RemoveWhere((id, session, _) => id == reservationId && session == sessionId).Count > 0)
        {
            await _inner.ReleaseAsync(sessionId, reservationId, cancellationToken);
            return;
        }

        // A process reservation's events are kept under its group id; releasing any of its parts releases all (and them).
        ArmedReservation? armed = _armed.Take(sessionId, reservationId) ?? await TakeGroupAsync(sessionId, reservationId);
        if (armed?.Close() == true)
        {
            _flex.Poke();
        }

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
            _ = _flex.RemoveWhere((_, session, _) => session == sessionId);
        }

        foreach (ArmedReservation reservation in closing)
        {
            reservation.Close();
        }

        if (closing.Count > 0)
        {
            _flex.Poke();
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
