using Grpc.Core;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Services;

/// <summary>KVM guests borrowing a CPU's registers.</summary>
internal sealed partial class ArbiterService
{
    public override async Task<EnterGuestResponse> EnterGuest(EnterGuestRequest request, ServerCallContext context)
    {
        var session = KvmSession(request.SessionId, context);
        var host = hosts.Resolve(request.Host);
        var cpu = FromWire.Cpu(request.Cpu, host.Description.Profile, "cpu");
        var guest = request.GuestBreakpoints.Select((b, i) => FromWire.Breakpoint(b, $"guest_breakpoints[{i}]")).ToArray();
        var suspended = await host.EnterGuestAsync(session.Id, cpu, guest, context.CancellationToken);
        var response = new EnterGuestResponse();
        response.SuspendedReservationIds.AddRange(ToWire.ReservationIdsOf(host.Name, suspended));
        return response;
    }

    public override async Task<ExitGuestResponse> ExitGuest(ExitGuestRequest request, ServerCallContext context)
    {
        var session = KvmSession(request.SessionId, context);
        var host = hosts.Resolve(request.Host);
        var cpu = FromWire.Cpu(request.Cpu, host.Description.Profile, "cpu");
        var resumed = await host.ExitGuestAsync(session.Id, cpu, context.CancellationToken);
        var response = new ExitGuestResponse();
        response.ResumedReservationIds.AddRange(ToWire.ReservationIdsOf(host.Name, resumed));
        return response;
    }

    private NodeSession KvmSession(string sessionId, ServerCallContext context)
    {
        var session = sessions.Get(sessionId, AuthInterceptor.CallerOf(context));
        return session.Kind == Arbitration.ClientKind.Kvm
            ? session
            : throw RpcErrors.Error(StatusCode.PermissionDenied, $"session_id: session '{sessionId}' is a {session.Kind} session; guests need a KVM session");
    }
}
