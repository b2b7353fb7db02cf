using Grpc.Core;
using HwbpCluster.Node.Audit;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Diagnostics;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Services;

/// <summary>hwbp.v1.Arbiter over the node's hosts: sessions, reservations, host state, live events and KVM guests.</summary>
internal sealed partial class ArbiterService(
    NodeHosts hosts,
    SessionRegistry sessions,
    NodeMetrics metrics,
    SessionAudit audit,
    IOptions<HwbpNodeOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ArbiterService> logger) : Arbiter.ArbiterBase
{
    public override async Task<OpenSessionResponse> OpenSession(OpenSessionRequest request, ServerCallContext context)
    {
        var kind = FromWire.Kind(request.ClientKind);
        var caller = AuthInterceptor.CallerOf(context);
        if (!caller.Allows(kind))
        {
            throw RpcErrors.Error(StatusCode.PermissionDenied,
                $"client_kind: token '{caller.Name}' may not open {request.ClientKind} sessions " +
                $"(it allows {string.Join(", ", caller.Kinds)})");
        }

        var session = await sessions.OpenAsync(kind, request.ClientName, caller, request.TtlMs, context.CancellationToken);
        return new OpenSessionResponse { SessionId = session.Id, TtlMs = (uint)session.Ttl.TotalMilliseconds };
    }

    public override Task<KeepAliveResponse> KeepAlive(KeepAliveRequest request, ServerCallContext context)
    {
        var ttl = sessions.KeepAlive(request.SessionId, AuthInterceptor.CallerOf(context));
        return Task.FromResult(new KeepAliveResponse { TtlMs = (uint)ttl.TotalMilliseconds });
    }

    public override async Task<CloseSessionResponse> CloseSession(CloseSessionRequest request, ServerCallContext context)
    {
        var released = await sessions.CloseAsync(request.SessionId, AuthInterceptor.CallerOf(context));
        return new CloseSessionResponse { Released = (uint)released };
    }

    public override async Task<HostState> GetHost(GetHostRequest request, ServerCallContext context)
    {
        var caller = AuthInterceptor.CallerOf(context);
        var host = hosts.Resolve(request.Host);
        var state = ToWire.HostState(await host.GetStateAsync(context.CancellationToken));
        if (!caller.Admin)
        {
            var own = (await host.ListReservationsAsync(null, context.CancellationToken))
                .Where(r => sessions.IsOwnedBy(r.SessionId, caller))
                .Select(r => ReservationIds.Format(host.Name, r.Id))
                .ToHashSet(StringComparer.Ordinal);
            Visibility.Redact(state, own.Contains, id => sessions.IsOwnedBy(id, caller));
        }

        return state;
    }
}
