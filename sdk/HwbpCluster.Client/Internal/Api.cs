using Google.Protobuf;
using Google.Protobuf.Reflection;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc;

namespace HwbpCluster.Client.Internal;

/// <summary>The typed methods of hwbp.v1 and grpc.health.v1, built once from their descriptors.</summary>
internal static class Api
{
    private static readonly ServiceDescriptor Arbiter = Service("Arbiter");
    private static readonly ServiceDescriptor Simulator = Service("Simulator");
    private static readonly ServiceDescriptor Fleet = Service("Fleet");
    private static readonly ServiceDescriptor Health = HealthReflection.Descriptor.Services[0];

    public static readonly Method<OpenSessionRequest, OpenSessionResponse> OpenSession =
        M<OpenSessionRequest, OpenSessionResponse>(Arbiter, "OpenSession");
    public static readonly Method<KeepAliveRequest, KeepAliveResponse> KeepAlive =
        M<KeepAliveRequest, KeepAliveResponse>(Arbiter, "KeepAlive");
    public static readonly Method<CloseSessionRequest, CloseSessionResponse> CloseSession =
        M<CloseSessionRequest, CloseSessionResponse>(Arbiter, "CloseSession");
    public static readonly Method<ReserveRequest, ReserveResponse> Reserve = M<ReserveRequest, ReserveResponse>(Arbiter, "Reserve");
    public static readonly Method<ModifyRequest, ModifyResponse> Modify = M<ModifyRequest, ModifyResponse>(Arbiter, "Modify");
    public static readonly Method<ReleaseRequest, ReleaseResponse> Release = M<ReleaseRequest, ReleaseResponse>(Arbiter, "Release");
    public static readonly Method<ListReservationsRequest, ListReservationsResponse> ListReservations =
        M<ListReservationsRequest, ListReservationsResponse>(Arbiter, "ListReservations");
    public static readonly Method<GetHostRequest, HostState> GetHost = M<GetHostRequest, HostState>(Arbiter, "GetHost");
    public static readonly Method<WatchHitsRequest, HitEvent> WatchHits = M<WatchHitsRequest, HitEvent>(Arbiter, "WatchHits");
    public static readonly Method<WatchReservationsRequest, ReservationEvent> WatchReservations =
        M<WatchReservationsRequest, ReservationEvent>(Arbiter, "WatchReservations");
    public static readonly Method<EnterGuestRequest, EnterGuestResponse> EnterGuest =
        M<EnterGuestRequest, EnterGuestResponse>(Arbiter, "EnterGuest");
    public static readonly Method<ExitGuestRequest, ExitGuestResponse> ExitGuest =
        M<ExitGuestRequest, ExitGuestResponse>(Arbiter, "ExitGuest");

    public static readonly Method<SpawnTaskRequest, TaskInfo> SpawnTask = M<SpawnTaskRequest, TaskInfo>(Simulator, "SpawnTask");
    public static readonly Method<ForkTaskRequest, TaskInfo> ForkTask = M<ForkTaskRequest, TaskInfo>(Simulator, "ForkTask");
    public static readonly Method<ExitTaskRequest, SimEmpty> ExitTask = M<ExitTaskRequest, SimEmpty>(Simulator, "ExitTask");
    public static readonly Method<RunTaskRequest, SimEmpty> RunTask = M<RunTaskRequest, SimEmpty>(Simulator, "RunTask");
    public static readonly Method<AccessRequest, AccessResponse> Access = M<AccessRequest, AccessResponse>(Simulator, "Access");

    public static readonly Method<ListMembersRequest, ListMembersResponse> ListMembers =
        M<ListMembersRequest, ListMembersResponse>(Fleet, "ListMembers");
    public static readonly Method<FleetReserveRequest, FleetReserveResponse> FleetReserve =
        M<FleetReserveRequest, FleetReserveResponse>(Fleet, "FleetReserve");
    public static readonly Method<FleetReleaseRequest, FleetReleaseResponse> FleetRelease =
        M<FleetReleaseRequest, FleetReleaseResponse>(Fleet, "FleetRelease");

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck =
        M<HealthCheckRequest, HealthCheckResponse>(Health, "Check");

    private static ServiceDescriptor Service(string name) => HwbpReflection.Descriptor.FindTypeByName<ServiceDescriptor>(name);

    private static Method<TRequest, TResponse> M<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => Method<TRequest, TResponse>.FromService(service, name);
}
