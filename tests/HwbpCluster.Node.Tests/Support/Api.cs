using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>The typed methods of the node's services, as a standard client would declare them.</summary>
internal static class Api
{
    private static readonly ServiceDescriptor Arbiter = HwbpReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Arbiter");
    private static readonly ServiceDescriptor Simulator = HwbpReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Simulator");
    private static readonly ServiceDescriptor Fleet = HwbpReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Fleet");
    private static readonly ServiceDescriptor Health = HealthReflection.Descriptor.Services[0];

    public static Method<OpenSessionRequest, OpenSessionResponse> OpenSession { get; }
        = M<OpenSessionRequest, OpenSessionResponse>(Arbiter, "OpenSession");
    public static Method<KeepAliveRequest, KeepAliveResponse> KeepAlive { get; }
        = M<KeepAliveRequest, KeepAliveResponse>(Arbiter, "KeepAlive");
    public static Method<CloseSessionRequest, CloseSessionResponse> CloseSession { get; }
        = M<CloseSessionRequest, CloseSessionResponse>(Arbiter, "CloseSession");
    public static Method<ReserveRequest, ReserveResponse> Reserve { get; } = M<ReserveRequest, ReserveResponse>(Arbiter, "Reserve");
    public static Method<ModifyRequest, ModifyResponse> Modify { get; } = M<ModifyRequest, ModifyResponse>(Arbiter, "Modify");
    public static Method<ReleaseRequest, ReleaseResponse> Release { get; } = M<ReleaseRequest, ReleaseResponse>(Arbiter, "Release");
    public static Method<ListReservationsRequest, ListReservationsResponse> ListReservations { get; }
        = M<ListReservationsRequest, ListReservationsResponse>(Arbiter, "ListReservations");
    public static Method<GetHostRequest, HostState> GetHost { get; } = M<GetHostRequest, HostState>(Arbiter, "GetHost");
    public static Method<WatchHitsRequest, HitEvent> WatchHits { get; } = M<WatchHitsRequest, HitEvent>(Arbiter, "WatchHits");
    public static Method<WatchReservationsRequest, ReservationEvent> WatchReservations { get; }
        = M<WatchReservationsRequest, ReservationEvent>(Arbiter, "WatchReservations");
    public static Method<EnterGuestRequest, EnterGuestResponse> EnterGuest { get; }
        = M<EnterGuestRequest, EnterGuestResponse>(Arbiter, "EnterGuest");
    public static Method<ExitGuestRequest, ExitGuestResponse> ExitGuest { get; }
        = M<ExitGuestRequest, ExitGuestResponse>(Arbiter, "ExitGuest");

    public static Method<SpawnTaskRequest, TaskInfo> SpawnTask { get; } = M<SpawnTaskRequest, TaskInfo>(Simulator, "SpawnTask");
    public static Method<ForkTaskRequest, TaskInfo> ForkTask { get; } = M<ForkTaskRequest, TaskInfo>(Simulator, "ForkTask");
    public static Method<ExitTaskRequest, SimEmpty> ExitTask { get; } = M<ExitTaskRequest, SimEmpty>(Simulator, "ExitTask");
    public static Method<RunTaskRequest, SimEmpty> RunTask { get; } = M<RunTaskRequest, SimEmpty>(Simulator, "RunTask");
    public static Method<AccessRequest, AccessResponse> Access { get; } = M<AccessRequest, AccessResponse>(Simulator, "Access");

    public static Method<ListMembersRequest, ListMembersResponse> ListMembers { get; }
        = M<ListMembersRequest, ListMembersResponse>(Fleet, "ListMembers");
    public static Method<FleetReserveRequest, FleetReserveResponse> FleetReserve { get; }
        = M<FleetReserveRequest, FleetReserveResponse>(Fleet, "FleetReserve");
    public static Method<FleetReleaseRequest, FleetReleaseResponse> FleetRelease { get; }
        = M<FleetReleaseRequest, FleetReleaseResponse>(Fleet, "FleetRelease");

    public static Method<HealthCheckRequest, HealthCheckResponse> HealthCheck { get; }
        = M<HealthCheckRequest, HealthCheckResponse>(Health, "Check");
    public static Method<HealthCheckRequest, HealthCheckResponse> HealthWatch { get; }
        = M<HealthCheckRequest, HealthCheckResponse>(Health, "Watch");

    /// <summary>A method of <paramref name="service"/> by name, its shape and full name read from the descriptor.</summary>
    private static Method<TRequest, TResponse> M<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = service.FindMethodByName(name);
        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        return new Method<TRequest, TResponse>(type, service.FullName, name, Marshaller<TRequest>(), Marshaller<TResponse>());
    }

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new() =>
        Marshallers.Create(m => m.ToByteArray(), new MessageParser<T>(() => new T()).ParseFrom);
}
