using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>Only the accounting holds the room: no perf event is opened for a hold, so a held slot is never armed on the
    /// hardware. The checks a reserve makes before admission (offered scope, symbol, task known) run here, at prepare.</remarks>
    public async Task<ReservationView> PrepareAsync(string sessionId, ReserveCommand command, TimeSpan holdTtl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ThrowIfNotOffered(command);
        command = ResolveSymbol(command);
        await EnsureTaskKnownAsync(command.Scope, cancellationToken);
        return await _inner.PrepareAsync(sessionId, command, holdTtl, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The accounting commits first, then the kernel installs the events as for a reserve; a kernel refusal undoes the
    /// commit and throws as <see cref="ReserveAsync"/> does.</remarks>
    public async Task<ReservationView> CommitAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long closes = SessionCloses(sessionId);
        ReservationView view = await _inner.CommitAsync(sessionId, reservationId, cancellationToken);
        await InstallAsync(sessionId, view, closes);
        return view;
    }

    /// <inheritdoc/>
    public Task<bool> AbortAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        _inner.AbortAsync(sessionId, reservationId, cancellationToken);
}
