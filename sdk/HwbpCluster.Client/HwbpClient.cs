using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Client.Internal;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>A client of hwbp-node: typed calls for every method of hwbp.v1 (Arbiter, Simulator, Fleet) and grpc.health.v1.</summary>
/// <remarks>
/// Thread-safe; make one and share it. It talks to one node at a time: given several addresses it uses the first that answers
/// and fails over to the next when that node goes away (pick-first). Every method takes and returns the protobuf messages of
/// hwbp.v1 (namespace HwbpCluster.Protos.V1). A call that ends with a non-OK status throws <see cref="RpcException"/>: its
/// <see cref="RpcException.StatusCode"/> and <see cref="Status.Detail"/> are the node's, unwrapped. Calls that are safe to
/// repeat (reads, KeepAlive, CloseSession) are retried on UNAVAILABLE; Reserve and the other changes never are. For sessions,
/// prefer <see cref="OpenSessionAsync(string, ClientKind, TimeSpan?, CancellationToken)"/>, which renews the lease for you.
/// </remarks>
public sealed partial class HwbpClient : IAsyncDisposable
{
    private readonly GrpcChannel channel;
    private readonly Metadata? headers;
    private readonly Arbiter.ArbiterClient arbiter;
    private readonly Simulator.SimulatorClient simulator;
    private readonly Fleet.FleetClient fleet;
    private readonly Health.HealthClient health;
    private readonly HttpMessageHandler? tlsHandler;

    private HwbpClient(IReadOnlyList<Uri> addresses, HwbpClientOptions options)
    {
        Addresses = addresses;
        Options = options;
        tlsHandler = options.HttpHandler is null ? NodeTls.Handler(options) : null;
        channel = NodeChannel.Create(addresses, options.HttpHandler ?? tlsHandler);
        headers = string.IsNullOrEmpty(options.BearerToken) ? null : new Metadata { { "authorization", "Bearer " + options.BearerToken } };
        arbiter = new Arbiter.ArbiterClient(channel);
        simulator = new Simulator.SimulatorClient(channel);
        fleet = new Fleet.FleetClient(channel);
        health = new Health.HealthClient(channel);
    }

    /// <summary>The first node's address.</summary>
    public Uri Address => Addresses[0];

    /// <summary>The nodes' addresses, in the order they are tried.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    // Read at call time (deadline, clock); the token's header is built once, in the constructor.
    private HwbpClientOptions Options { get; }

    internal TimeProvider Time => Options.TimeProvider;

    /// <summary>Makes a client of the node at <paramref name="address"/>, e.g. http://127.0.0.1:7070; connects on the first call.</summary>
    /// <exception cref="ArgumentException">The address is not http or https.</exception>
    public static HwbpClient Connect(Uri address, HwbpClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Connect([address], options);
    }

    /// <summary>Makes a client of the nodes at <paramref name="addresses"/>: it calls the first that answers, then fails over in order.</summary>
    /// <exception cref="ArgumentException">No address, an address that is not http or https, or a mix of the two schemes.</exception>
    public static HwbpClient Connect(IEnumerable<Uri> addresses, HwbpClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return new HwbpClient(addresses.ToArray(), options ?? new HwbpClientOptions());
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        channel.Dispose();
        tlsHandler?.Dispose();
        return ValueTask.CompletedTask;
    }

    internal async Task<TResponse> CallAsync<TRequest, TResponse>(
        TRequest request, Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Deadlines are wall-clock instants on the wire, so they come from the real clock, not Options.TimeProvider.
        var deadline = Options.DefaultDeadline is { } timeout ? DateTime.UtcNow + timeout : (DateTime?)null;
        try
        {
            return await call(request, new CallOptions(headers, deadline, cancellationToken));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled: .NET callers expect OperationCanceledException, not a status.
            throw new OperationCanceledException(ex.Status.Detail, ex, cancellationToken);
        }
    }

    internal async Task<HwbpStream<TResponse>> StartStreamAsync<TRequest, TResponse>(
        TRequest request, Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> start, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);

        // The stream's own token lives as long as the stream; the caller's token only bounds the wait for the node's headers.
        // A refusal (e.g. NOT_FOUND for an unknown session) is thrown by the first read: Grpc.Net.Client does not reliably have
        // a Trailers-Only status in hand when the headers task completes.
        var call = start(request, new CallOptions(headers));
        try
        {
            await call.ResponseHeadersAsync.WaitAsync(cancellationToken);
            return new HwbpStream<TResponse>(call);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }
}
