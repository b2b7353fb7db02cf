using HwbpCluster.Rpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>Ends a server call with its status: in trailers, or Trailers-Only when nothing was sent yet.</summary>
internal static class StatusWriter
{
    public static async Task WriteAsync(ServerCallContext context, Status status, Metadata trailers, bool resetAfter)
    {
        var response = context.HttpContext.Response;

        // Response.HasStarted is not a usable signal: written-but-unflushed messages leave it false.
        if (!context.ResponseStarted)
        {
            context.ApplyResponseHeaders();
            WriteFields(response.Headers, status, trailers);
        }
        else
        {
            var trailerFeature = context.HttpContext.Features.Get<IHttpResponseTrailersFeature>();
            if (trailerFeature is not null)
            {
                WriteFields(trailerFeature.Trailers, status, trailers);
            }
        }

        if (!resetAfter)
        {
            return;
        }

        // A passed deadline: finish the response with its status, then reset the stream so the client stops sending.
        try
        {
            await response.CompleteAsync();
            context.HttpContext.Features.Get<IHttpResetFeature>()?.Reset(GrpcProtocol.Http2Cancel);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
        {
            // The connection is gone already.
        }
    }

    private static void WriteFields(IHeaderDictionary fields, Status status, Metadata trailers)
    {
        fields[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status.Detail.Length > 0)
        {
            fields[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }

        foreach (var entry in trailers)
        {
            fields[entry.Key] = StringValues.Concat(fields[entry.Key], MetadataCodec.EncodeValue(entry));
        }
    }
}
