using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>Reservations and the host view.</summary>
public sealed partial class HwbpClient
{
    /// <summary>Arbiter.Reserve: reserves a breakpoint for a session.</summary>
    public Task<ReserveResponse> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.ReserveAsync, cancellationToken);

    /// <summary>Arbiter.Modify: moves a reservation to a new address, length or access, keeping its scope.</summary>
    public Task<ModifyResponse> ModifyAsync(ModifyRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.ModifyAsync, cancellationToken);

    /// <summary>Arbiter.Release: releases one reservation.</summary>
    public Task<ReleaseResponse> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.ReleaseAsync, cancellationToken);

    /// <summary>Arbiter.ListReservations: the reservations on a host (empty: every host) of a session (empty: every session).</summary>
    public Task<ListReservationsResponse> ListReservationsAsync(
        ListReservationsRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.ListReservationsAsync, cancellationToken);

    /// <summary>The reservations on <paramref name="host"/> (null: all) of <paramref name="sessionId"/> (null: all).</summary>
    public async Task<IReadOnlyList<Reservation>> ListReservationsAsync(
        string? host = null, string? sessionId = null, CancellationToken cancellationToken = default) =>
        (await ListReservationsAsync(new ListReservationsRequest { Host = host ?? string.Empty, SessionId = sessionId ?? string.Empty },
            cancellationToken)).Reservations;

    /// <summary>Arbiter.GetHost: a host's CPUs, what is armed in each slot, and the DR7 images.</summary>
    public Task<HostState> GetHostAsync(GetHostRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.GetHostAsync, cancellationToken);

    /// <summary>The state of <paramref name="host"/> (null: the host of the node called).</summary>
    public Task<HostState> GetHostAsync(string? host = null, CancellationToken cancellationToken = default) =>
        GetHostAsync(new GetHostRequest { Host = host ?? string.Empty }, cancellationToken);

    /// <summary>Arbiter.EnterGuest: a KVM session's guest borrows a CPU's registers, suspending the host's reservations there.</summary>
    public Task<EnterGuestResponse> EnterGuestAsync(EnterGuestRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.EnterGuestAsync, cancellationToken);

    /// <summary>Arbiter.ExitGuest: the guest gives the CPU's registers back, resuming the host's reservations there.</summary>
    public Task<ExitGuestResponse> ExitGuestAsync(ExitGuestRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.ExitGuestAsync, cancellationToken);
}
