using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>The session's event streams and KVM guest calls.</summary>
public sealed partial class HwbpSession
{
    /// <summary>The hits of every reservation of this session, wherever it lives, until the session ends or the token fires.</summary>
    public IAsyncEnumerable<HitEvent> WatchHitsAsync(CancellationToken cancellationToken = default) =>
        client.WatchHitsAsync(new WatchHitsRequest { SessionId = Id }, cancellationToken);

    /// <summary>Starts watching hits (of <paramref name="reservationIds"/>, or all); returns once the node answered.</summary>
    public Task<HwbpStream<HitEvent>> StartWatchHitsAsync(
        IEnumerable<string>? reservationIds = null, CancellationToken cancellationToken = default) =>
        client.StartWatchHitsAsync(new WatchHitsRequest { SessionId = Id, ReservationIds = { reservationIds ?? [] } }, cancellationToken);

    /// <summary>Changes to this session's reservations (suspended, resumed, released, and why) until the session ends.</summary>
    public IAsyncEnumerable<ReservationEvent> WatchReservationsAsync(CancellationToken cancellationToken = default) =>
        client.WatchReservationsAsync(new WatchReservationsRequest { SessionId = Id }, cancellationToken);

    /// <summary>Starts watching reservation changes and returns once the node has answered.</summary>
    public Task<HwbpStream<ReservationEvent>> StartWatchReservationsAsync(CancellationToken cancellationToken = default) =>
        client.StartWatchReservationsAsync(new WatchReservationsRequest { SessionId = Id }, cancellationToken);

    /// <summary>KVM sessions: the guest takes CPU <paramref name="cpu"/>'s registers; returns the reservations suspended there.</summary>
    public async Task<IReadOnlyList<string>> EnterGuestAsync(
        string? host, uint cpu, IEnumerable<Breakpoint> guestBreakpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guestBreakpoints);
        var request = new EnterGuestRequest { SessionId = Id, Host = host ?? string.Empty, Cpu = cpu };
        request.GuestBreakpoints.AddRange(guestBreakpoints);
        return (await client.EnterGuestAsync(request, cancellationToken)).SuspendedReservationIds;
    }

    /// <summary>KVM sessions: the guest gives CPU <paramref name="cpu"/>'s registers back; returns the reservations resumed.</summary>
    public async Task<IReadOnlyList<string>> ExitGuestAsync(string? host, uint cpu, CancellationToken cancellationToken = default)
    {
        var request = new ExitGuestRequest { SessionId = Id, Host = host ?? string.Empty, Cpu = cpu };
        return (await client.ExitGuestAsync(request, cancellationToken)).ResumedReservationIds;
    }
}
