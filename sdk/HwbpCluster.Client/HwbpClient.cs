using Google.Protobuf;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Client;

namespace HwbpCluster.Client;

/// <summary>A client of one hwbp-node: typed calls for every method of hwbp.v1 (Arbiter, Simulator, Fleet) and grpc.health.v1.</summary>
/// <remarks>
/// Thread-safe; make one per node and share it. Every method takes and returns the protobuf messages of hwbp.v1
/// (namespace HwbpCluster.Protos.V1). A call that ends with a non-OK status throws <see cref="RpcException"/>: its
/// <see cref="RpcException.StatusCode"/> and <see cref="RpcException.Detail"/> are the node's, unwrapped. For sessions,
/// prefer <see cref="OpenSessionAsync(string, Protos.V1.ClientKind, TimeSpan?, CancellationToken)"/>, which renews the lease for you.
/// </remarks>
public sealed partial class HwbpClient : IAsyncDisposable
{
    private readonly GrpcChannel channel;
    private readonly Metadata? headers;

    private HwbpClient(GrpcChannel channel, HwbpClientOptions options)
    {
        this.channel = channel;
        Options = options;
        headers = string.IsNullOrEmpty(options.BearerToken) ? null : new Metadata().Add("authorization", "Bearer " + options.BearerToken);
    }

    /// <summary>The node's address.</summary>
    public Uri Address => channel.Address;

    // Read at call time (deadline, clock); the token's header is built once, in the constructor.
    private HwbpClientOptions Options { get; }

    internal TimeProvider Time => Options.TimeProvider;

    /// <summary>Makes a client of the node at <paramref name="address"/>, e.g. http://127.0.0.1:7070; connects on the first call.</summary>
    /// <exception cref="ArgumentException">The address is not http or https.</exception>
    public static HwbpClient Connect(Uri address, HwbpClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new HwbpClientOptions();
        var channelOptions = new GrpcChannelOptions { TimeProvider = options.TimeProvider };
        if (options.HttpHandler is { } handler)
        {
            channelOptions.HttpHandler = handler;
            channelOptions.DisposeHttpHandler = false;
        }

        return new HwbpClient(GrpcChannel.ForAddress(address, channelOptions), options);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => channel.DisposeAsync();

    internal async Task<TResponse> CallAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await channel.UnaryAsync(method, request, new CallOptions(headers, null, cancellationToken, Options.DefaultDeadline));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled: .NET callers expect OperationCanceledException, not a status.
            throw new OperationCanceledException(ex.Detail, ex, cancellationToken);
        }
    }

    internal async Task<HwbpStream<TResponse>> StartStreamAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);

        // The stream's own token lives as long as the stream; the caller's token only bounds the wait for the node's headers.
        var call = channel.ServerStreaming(method, request, new CallOptions(headers));
        try
        {
            await call.ResponseHeadersAsync.WaitAsync(cancellationToken);
            if (call.TryGetStatus(out var refused) && refused.StatusCode != StatusCode.OK)
            {
                // Refused at once (Trailers-Only): say so now rather than hand back a stream that is already over.
                throw new RpcException(refused.StatusCode, refused.Detail, call.GetTrailers());
            }

            return new HwbpStream<TResponse>(call);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }
}
