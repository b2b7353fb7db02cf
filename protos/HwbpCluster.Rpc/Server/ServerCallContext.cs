using HwbpCluster.Rpc.Internal;
using Microsoft.AspNetCore.Http;

namespace HwbpCluster.Rpc.Server;

/// <summary>What a server handler knows about its call: method, metadata in and out, deadline, cancellation.</summary>
public sealed class ServerCallContext
{
    private bool headersApplied;

    internal ServerCallContext(HttpContext httpContext, string method, Metadata requestHeaders, DateTime? deadline, CancellationToken token)
    {
        HttpContext = httpContext;
        Method = method;
        RequestHeaders = requestHeaders;
        Deadline = deadline;
        CancellationToken = token;
    }

    /// <summary>The method's path, e.g. "/hwbp.v1.Arbiter/Reserve".</summary>
    public string Method { get; }

    /// <summary>The request's custom metadata ("-bin" values decoded).</summary>
    public Metadata RequestHeaders { get; }

    /// <summary>Response metadata: sent with the first message, by <see cref="WriteResponseHeadersAsync"/>, or with the status.</summary>
    public Metadata ResponseHeaders { get; } = new();

    /// <summary>Trailing metadata sent with the status.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>The UTC deadline from grpc-timeout, or null when the client set none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cancelled when the client resets the stream or goes away, or when the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The underlying ASP.NET Core request, for what this type does not expose (connection, TLS, services).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The client's address, e.g. "127.0.0.1:53722".</summary>
    public string Peer => $"{HttpContext.Connection.RemoteIpAddress}:{HttpContext.Connection.RemotePort}";

    internal bool ResponseStarted { get; private set; }

    internal CancellationToken DeadlineToken { get; init; }

    /// <summary>Sends the response headers now (with <see cref="ResponseHeaders"/>), before any message.</summary>
    public async Task WriteResponseHeadersAsync()
    {
        ApplyResponseHeaders();
        ResponseStarted = true;
        await HttpContext.Response.StartAsync(CancellationToken);
        await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken);
    }

    internal void MarkMessageWritten()
    {
        ApplyResponseHeaders();
        ResponseStarted = true;
    }

    internal void ApplyResponseHeaders()
    {
        if (headersApplied)
        {
            return;
        }

        headersApplied = true;
        var headers = HttpContext.Response.Headers;
        foreach (var entry in ResponseHeaders)
        {
            headers.Append(entry.Key, MetadataCodec.EncodeValue(entry));
        }
    }
}
