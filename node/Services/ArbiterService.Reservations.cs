using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Services;

/// <summary>Reserve, modify, release and list.</summary>
internal sealed partial class ArbiterService
{
    public override async Task<ReserveResponse> Reserve(ReserveRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var host = hosts.Resolve(request.Host);
        var command = FromWire.Reserve(request, host.Description.Profile);
        if (command.Symbol is not null && host.Simulator is not null)
        {
            throw new HostException(HostError.FailedPrecondition,
                $"breakpoint.symbol '{command.Symbol}' needs a real backend (--backend linux): simulated host {host.Name} has no processes to look symbols up in");
        }

        ReservationView view;
        try
        {
            using var claim = await sessions.Reservations.ClaimAsync(session, 1, context.CancellationToken);
            view = await host.ReserveAsync(session.Id, command, context.CancellationToken);
            claim.Granted(1);
        }
        catch (Exception ex) when (audit.Enabled && ex is HostException or RpcException)
        {
            var status = ex is HostException refused ? RpcErrors.FromHost(refused).Status : ((RpcException)ex).Status;
            audit.Refused(session, host.Name, command.Scope.ToString(), status);
            throw;
        }

        audit.Granted(session, view);
        metrics.Reserved(host.Name);
        return new ReserveResponse { Reservation = ToWire.Reservation(view) };
    }

    public override async Task<ModifyResponse> Modify(ModifyRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var (hostName, id) = ReservationIds.Parse(request.ReservationId, "reservation_id");
        var host = hosts.Resolve(hostName, "reservation_id");
        var spec = FromWire.Breakpoint(request.Breakpoint, "breakpoint");
        var view = await host.ModifyAsync(session.Id, id, spec, context.CancellationToken);
        return new ModifyResponse { Reservation = ToWire.Reservation(view) };
    }

    public override async Task<ReleaseResponse> Release(ReleaseRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var (hostName, id) = ReservationIds.Parse(request.ReservationId, "reservation_id");
        var host = hosts.Resolve(hostName, "reservation_id");
        await host.ReleaseAsync(session.Id, id, context.CancellationToken);
        sessions.Reservations.Released(session, 1);
        return new ReleaseResponse();
    }

    public override async Task<ListReservationsResponse> ListReservations(ListReservationsRequest request, ServerCallContext context)
    {
        var caller = AuthInterceptor.CallerOf(context);
        var targets = request.Host.Length == 0 ? hosts.All : [hosts.Resolve(request.Host)];
        var sessionId = request.SessionId.Length == 0 ? null : request.SessionId;
        if (sessionId is not null && !caller.Admin)
        {
            sessions.Get(sessionId, caller); // another token's session is PERMISSION_DENIED, an unknown one NOT_FOUND
        }

        var lists = await Task.WhenAll(targets.Select(h => h.ListReservationsAsync(sessionId, context.CancellationToken)));
        var response = new ListReservationsResponse();
        response.Reservations.AddRange(lists.SelectMany(l => l).Select(view => Seen(view, caller)));
        return response;
    }

    private Reservation Seen(ReservationView view, Caller caller) =>
        caller.Admin || sessions.IsOwnedBy(view.SessionId, caller) ? ToWire.Reservation(view) : Visibility.Redacted(ToWire.Reservation(view));
}
