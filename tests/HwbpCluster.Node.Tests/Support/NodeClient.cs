using Google.Protobuf;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Client;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>Calls to the node with an optional bearer token, and short-hands for the common ones.</summary>
internal sealed class NodeClient(GrpcChannel channel, string? token)
{
    public CallOptions Options => token is null ? default : new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } });

    public Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => channel.UnaryAsync(method, request, Options);

    public ServerStreamingCall<TResponse> Stream<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() => channel.ServerStreaming(method, request, Options);

    public async Task<string> OpenAsync(ClientKind kind = ClientKind.Perf, uint ttlMs = 0, string name = "test") =>
        (await CallAsync(Api.OpenSession, new OpenSessionRequest { ClientKind = kind, ClientName = name, TtlMs = ttlMs })).SessionId;

    public async Task<Reservation> ReserveAsync(string session, Scope scope, Breakpoint breakpoint, string host = "", string label = "") =>
        (await CallAsync(Api.Reserve, new ReserveRequest
        {
            SessionId = session, Host = host, Scope = scope, Breakpoint = breakpoint, Pinned = true, Label = label,
        })).Reservation;

    public async Task<IReadOnlyList<Reservation>> ListAsync(string session = "", string host = "") =>
        (await CallAsync(Api.ListReservations, new ListReservationsRequest { SessionId = session, Host = host })).Reservations;
}
