using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Diagnostics;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Server;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Services;

/// <summary>hwbp.v1.Arbiter over the node's hosts: sessions, reservations, host state, live events and KVM guests.</summary>
internal sealed partial class ArbiterService(
    NodeHosts hosts,
    SessionRegistry sessions,
    NodeMetrics metrics,
    IOptions<HwbpNodeOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ArbiterService> logger)
{
    /// <summary>Binds the twelve methods.</summary>
    public void Bind(GrpcServiceBinder binder) => binder
        .MapUnary<OpenSessionRequest, OpenSessionResponse>("OpenSession", OpenSessionAsync)
        .MapUnary<KeepAliveRequest, KeepAliveResponse>("KeepAlive", KeepAliveAsync)
        .MapUnary<CloseSessionRequest, CloseSessionResponse>("CloseSession", CloseSessionAsync)
        .MapUnary<ReserveRequest, ReserveResponse>("Reserve", ReserveAsync)
        .MapUnary<ModifyRequest, ModifyResponse>("Modify", ModifyAsync)
        .MapUnary<ReleaseRequest, ReleaseResponse>("Release", ReleaseAsync)
        .MapUnary<ListReservationsRequest, ListReservationsResponse>("ListReservations", ListReservationsAsync)
        .MapUnary<GetHostRequest, HostState>("GetHost", GetHostAsync)
        .MapServerStreaming<WatchHitsRequest, HitEvent>("WatchHits", WatchHitsAsync)
        .MapServerStreaming<WatchReservationsRequest, Protos.V1.ReservationEvent>("WatchReservations", WatchReservationsAsync)
        .MapUnary<EnterGuestRequest, EnterGuestResponse>("EnterGuest", EnterGuestAsync)
        .MapUnary<ExitGuestRequest, ExitGuestResponse>("ExitGuest", ExitGuestAsync);

    private async Task<OpenSessionResponse> OpenSessionAsync(OpenSessionRequest request, ServerCallContext context)
    {
        var kind = FromWire.Kind(request.ClientKind);
        var caller = AuthInterceptor.CallerOf(context);
        if (!caller.Allows(kind))
        {
            throw new RpcException(StatusCode.PermissionDenied,
                $"client_kind: token '{caller.Name}' may not open {request.ClientKind} sessions " +
                $"(it allows {string.Join(", ", caller.Kinds)})");
        }

        var session = await sessions.OpenAsync(kind, request.ClientName, caller, request.TtlMs, context.CancellationToken);
        return new OpenSessionResponse { SessionId = session.Id, TtlMs = (uint)session.Ttl.TotalMilliseconds };
    }

    private Task<KeepAliveResponse> KeepAliveAsync(KeepAliveRequest request, ServerCallContext context)
    {
        var ttl = sessions.KeepAlive(request.SessionId, AuthInterceptor.CallerOf(context));
        return Task.FromResult(new KeepAliveResponse { TtlMs = (uint)ttl.TotalMilliseconds });
    }

    private async Task<CloseSessionResponse> CloseSessionAsync(CloseSessionRequest request, ServerCallContext context)
    {
        var released = await sessions.CloseAsync(request.SessionId, AuthInterceptor.CallerOf(context));
        return new CloseSessionResponse { Released = (uint)released };
    }

    private async Task<HostState> GetHostAsync(GetHostRequest request, ServerCallContext context)
    {
        var host = hosts.Resolve(request.Host);
        return ToWire.HostState(await host.GetStateAsync(context.CancellationToken));
    }
}
