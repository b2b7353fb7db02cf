using System.Net.Security;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Client;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The largest response message accepted, in bytes; larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    /// <remarks>Default 4 MiB.</remarks>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>A handler to send requests with, instead of the channel's own SocketsHttpHandler.</summary>
    /// <remarks>It must speak HTTP/2; the channel disposes it only when <see cref="DisposeHttpHandler"/> is true.</remarks>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>; default true.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>TLS options for "https" addresses (certificate validation, client certificates); ALPN h2 is set for you.</summary>
    public SslClientAuthenticationOptions? SslOptions { get; set; }

    /// <summary>Interval of HTTP/2 keep-alive pings; default infinite (off).</summary>
    /// <remarks>Pings every second made grpcio answer GOAWAY "too many pings": keep them minutes apart if on.</remarks>
    public TimeSpan KeepAlivePingDelay { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>The clock for deadlines; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
