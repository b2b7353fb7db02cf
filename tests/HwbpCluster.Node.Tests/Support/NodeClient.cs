using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>Calls to the node with an optional bearer token, and short-hands for the common ones.</summary>
internal sealed class NodeClient(GrpcChannel channel, string? token)
{
    private readonly CallInvoker invoker = channel.CreateCallInvoker();

    public CallOptions Options => token is null ? default : new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } });

    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        await invoker.AsyncUnaryCall(method, null, Options.WithCancellationToken(cancellationToken), request);

    public AsyncServerStreamingCall<TResponse> Stream<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        invoker.AsyncServerStreamingCall(method, null, Options.WithCancellationToken(cancellationToken), request);

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
