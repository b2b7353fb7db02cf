using System.Collections.Concurrent;
using System.Net.Security;

namespace HwbpCluster.Rpc.Client;

/// <summary>A client connection pool to one gRPC server over HTTP/2 ("http" = cleartext h2c with prior knowledge, "https" = TLS with ALPN h2).</summary>
/// <remarks>Thread-safe; make one per server and share it. Calls are methods of the channel.</remarks>
public sealed partial class GrpcChannel : IAsyncDisposable, IDisposable
{
    private readonly HttpMessageInvoker invoker;
    private readonly ConcurrentDictionary<string, Uri> uris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, HttpMessageInvoker invoker, GrpcChannelOptions options)
    {
        Address = address;
        this.invoker = invoker;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        TimeProvider = options.TimeProvider;
    }

    /// <summary>The server's address, e.g. http://127.0.0.1:7071.</summary>
    public Uri Address { get; }

    internal HttpMessageInvoker Invoker => invoker;

    internal int MaxReceiveMessageSize { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>Creates a channel to an address such as "http://127.0.0.1:7071".</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) => ForAddress(new Uri(address), options);

    /// <summary>Creates a channel to an address such as http://127.0.0.1:7071.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must be http or https.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        var handler = options.HttpHandler ?? CreateHandler(options);
        var disposeHandler = options.HttpHandler is null || options.DisposeHttpHandler;
        return new GrpcChannel(address, new HttpMessageInvoker(handler, disposeHandler), options);
    }

    /// <inheritdoc />
    public void Dispose() => invoker.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal Uri UriFor(string path) => uris.GetOrAdd(path, static (p, address) => new Uri(address, p), Address);

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Beyond 100 concurrent streams, calls would queue on one connection.
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (options.SslOptions is { } ssl)
        {
            handler.SslOptions = ssl;
        }

        handler.SslOptions.ApplicationProtocols ??= [SslApplicationProtocol.Http2];
        return handler;
    }
}
