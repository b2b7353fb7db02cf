using Google.Protobuf;
using HwbpCluster.Rpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>The shared life of a server call: checks, deadline, interceptors, status; subclasses run one method shape.</summary>
internal abstract partial class ServerCallHandler(string method, MethodType type, GrpcServerOptions options, ILogger logger)
{
    private GrpcServerOptions Options { get; } = options;

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            // gRPC needs trailers and full-duplex streams: HTTP/1.x cannot carry it.
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || !GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            ServerLog.UnsupportedContentType(logger, method, request.ContentType);
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var response = http.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.IdentityEncoding;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
        ConfigureRequestBody(http);

        var aborted = http.RequestAborted;
        DateTime? deadline = null;
        using var deadlineSource = StartDeadline(request.Headers[GrpcProtocol.TimeoutHeader], ref deadline);
        using var linked = deadlineSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(aborted, deadlineSource.Token);
        var context = new ServerCallContext(http, method, MetadataCodec.FromHeaders(request.Headers), deadline, linked?.Token ?? aborted)
        {
            DeadlineToken = deadlineSource?.Token ?? CancellationToken.None,
        };

        Status status;
        var trailers = context.ResponseTrailers;
        try
        {
            await RunPipelineAsync(context);
            status = Status.Ok;
        }
        catch (Exception ex)
        {
            var outcome = ToRpcException(ex, context);
            status = outcome.Status;
            foreach (var entry in outcome.Trailers)
            {
                trailers.AddEntry(entry);
            }
        }

        if (aborted.IsCancellationRequested)
        {
            // The client reset the stream: nobody is left to read a status.
            return;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            ServerLog.CallFailed(logger, method, status.StatusCode, status.Detail);
        }

        await StatusWriter.WriteAsync(context, status, trailers, resetAfter: status.StatusCode == StatusCode.DeadlineExceeded);
    }

    /// <summary>Reads the request, runs the handler, writes the response messages.</summary>
    protected abstract Task InvokeAsync(ServerCallContext context);

    /// <summary>The call's request messages, read from Kestrel's body pipe within the receive limit.</summary>
    protected RequestStreamReader<T> RequestReader<T>(ServerCallContext context, MessageParser<T> parser)
        where T : IMessage<T> =>
        new(context.HttpContext.Request.BodyReader, parser, Options.MaxReceiveMessageSize, context.CancellationToken);

    private void ConfigureRequestBody(HttpContext http)
    {
        // The per-message limit is ours; Kestrel's whole-body limit would cut long streams.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        // Kestrel's minimum data rate would abort a request stream that is idle between messages.
        if (type is MethodType.ClientStreaming or MethodType.DuplexStreaming
            && http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    private CancellationTokenSource? StartDeadline(string? header, ref DateTime? deadline)
    {
        if (!GrpcTimeout.TryParse(header, out var timeout))
        {
            return null;
        }

        var time = Options.TimeProvider;
        deadline = time.GetUtcNow().UtcDateTime + timeout;

        // Timers cannot wait longer than about 49 days; such a deadline is as good as none.
        return timeout.TotalDays > 40 ? null : new CancellationTokenSource(timeout, time);
    }
}
