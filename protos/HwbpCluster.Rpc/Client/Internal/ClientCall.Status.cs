using System.Net;
using System.Net.Http.Headers;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>Statuses from grpc-status fields, from HTTP status codes, and from transport failures.</summary>
internal sealed partial class ClientCall<TResponse>
{
    private static Status ReadStatus(HttpHeaders fields)
    {
        if (!fields.TryGetValues(GrpcProtocol.StatusHeader, out var codes)
            || !int.TryParse(codes.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Internal, "The response ended without a grpc-status.");
        }

        var detail = fields.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? PercentEncoding.Decode(messages.FirstOrDefault() ?? string.Empty)
            : string.Empty;
        return new Status((StatusCode)code, detail);
    }

    private static StatusCode FromHttpStatus(HttpStatusCode code) => (int)code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The status of a transport failure, giving precedence to the deadline and to the caller's cancellation.</summary>
    private RpcException Map(Exception ex)
    {
        if (deadlineExceeded)
        {
            return Finish(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."));
        }

        if (options.CancellationToken.IsCancellationRequested || disposed)
        {
            return Finish(new Status(StatusCode.Cancelled, "Call cancelled."));
        }

        if (FinalStatus is { } known)
        {
            return new RpcException(known, trailers);
        }

        var protocol = ex as HttpProtocolException ?? ex.InnerException as HttpProtocolException;
        var code = protocol?.ErrorCode switch
        {
            null => ex switch
            {
                HttpRequestException or IOException => StatusCode.Unavailable,
                OperationCanceledException => StatusCode.Cancelled,

                // HttpClient disposes a request stream the server has already ended or reset.
                ObjectDisposedException => StatusCode.Internal,
                _ => StatusCode.Unknown,
            },
            0x7 => StatusCode.Unavailable,
            0x8 => StatusCode.Cancelled,
            0xb => StatusCode.ResourceExhausted,
            0xc => StatusCode.PermissionDenied,
            _ => StatusCode.Internal,
        };
        return new RpcException(Finish(new Status(code, ex.Message)).Status, trailers, ex);
    }
}
