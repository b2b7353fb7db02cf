using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>The session's reservations.</summary>
public sealed partial class HwbpSession
{
    /// <summary>Reserves a breakpoint for this session; the request's session id is filled in.</summary>
    /// <exception cref="Grpc.Core.RpcException">RESOURCE_EXHAUSTED: no room; INVALID_ARGUMENT: a bad breakpoint.</exception>
    public async Task<Reservation> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mine = request.Clone();
        mine.SessionId = Id;
        return (await client.ReserveAsync(mine, cancellationToken)).Reservation;
    }

    /// <summary>Reserves a pinned <paramref name="breakpoint"/> on <paramref name="scope"/> on <paramref name="host"/>.</summary>
    public Task<Reservation> ReserveAsync(
        Scope scope, Breakpoint breakpoint, string? host = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(breakpoint);
        var request = new ReserveRequest { Scope = scope, Breakpoint = breakpoint, Host = host ?? string.Empty, Pinned = true };
        return ReserveAsync(request, cancellationToken);
    }

    /// <summary>Moves reservation <paramref name="reservationId"/> to a new address, length or access; its scope stays.</summary>
    public async Task<Reservation> ModifyAsync(string reservationId, Breakpoint breakpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        ArgumentNullException.ThrowIfNull(breakpoint);
        var request = new ModifyRequest { SessionId = Id, ReservationId = reservationId, Breakpoint = breakpoint };
        return (await client.ModifyAsync(request, cancellationToken)).Reservation;
    }

    /// <summary>Releases reservation <paramref name="reservationId"/> (a wire id such as "h1/42").</summary>
    public async Task ReleaseAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        await client.ReleaseAsync(new ReleaseRequest { SessionId = Id, ReservationId = reservationId }, cancellationToken);
    }

    /// <summary>This session's reservations on every host the node reaches.</summary>
    public Task<IReadOnlyList<Reservation>> ListReservationsAsync(CancellationToken cancellationToken = default) =>
        client.ListReservationsAsync(null, Id, cancellationToken);

    /// <summary>Reserves on every host <paramref name="selector"/> picks, all or nothing or best effort; per-host outcomes.</summary>
    /// <param name="selector">Host names and/or node labels.</param>
    /// <param name="template">What to reserve on each host; its host and session are ignored.</param>
    /// <param name="mode">All or nothing (the default when unspecified) or best effort.</param>
    /// <param name="tidByHost">For task scopes: the tid on each host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<FleetReserveResponse> FleetReserveAsync(
        HostSelector selector,
        ReserveRequest template,
        FleetMode mode = FleetMode.AllOrNothing,
        IReadOnlyDictionary<string, ulong>? tidByHost = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(template);
        var request = new FleetReserveRequest { SessionId = Id, Selector = selector, Template = template, Mode = mode };
        foreach (var (host, tid) in tidByHost ?? new Dictionary<string, ulong>())
        {
            request.TidByHost[host] = tid;
        }

        return client.FleetReserveAsync(request, cancellationToken);
    }

    /// <summary>Releases this session's reservations on the hosts <paramref name="selector"/> picks (null: all).</summary>
    /// <remarks>With a <paramref name="label"/>, only the reservations that carry it; returns how many were released.</remarks>
    public async Task<uint> FleetReleaseAsync(
        HostSelector? selector = null, string? label = null, CancellationToken cancellationToken = default)
    {
        var request = new FleetReleaseRequest { SessionId = Id, Selector = selector ?? new HostSelector(), Label = label ?? string.Empty };
        return (await client.FleetReleaseAsync(request, cancellationToken)).Released;
    }
}
