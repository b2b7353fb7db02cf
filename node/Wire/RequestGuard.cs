using System.Globalization;
using Grpc.Core;

namespace HwbpCluster.Node.Wire;

/// <summary>
/// Answers, with the status the gRPC spec names, the malformed requests Grpc.AspNetCore refuses before any interceptor runs:
/// an invalid <c>grpc-timeout</c>, a unary request that is not exactly one message, and bytes that are not the method's message.
/// </summary>
/// <remarks>
/// Grpc.AspNetCore ignores a <c>grpc-timeout</c> it cannot parse (the call would run with no deadline the client meant to set),
/// answers INTERNAL for zero or two request messages (the spec says UNIMPLEMENTED), and UNKNOWN for an unparsable message (the
/// client's bytes are at fault: INVALID_ARGUMENT). Those calls fail before anything is written, so their status travels in the
/// response headers (Trailers-Only) and can be rewritten just before they go out. Every other failure is mapped by
/// <see cref="ErrorInterceptor"/>, so no call of this node ends UNKNOWN.
/// </remarks>
internal sealed class RequestGuard(RequestDelegate next)
{
    private const string StatusHeader = "grpc-status";
    private const string MessageHeader = "grpc-message";
    private const string OneMessage = "a unary call takes exactly one request message";

    // Grpc.AspNetCore's answers (status, message) for requests it cannot read, and what this node answers instead.
    private static readonly (string Status, string? Message, StatusCode Answer, string Detail)[] Rewrites =
    [
        ("2", null, StatusCode.InvalidArgument, "the request could not be read as a protobuf message of the method's type"),
        ("13", "Incomplete message.", StatusCode.Unimplemented, OneMessage + "; none (or a truncated one) arrived"),
        ("13", "Additional data after the message received.", StatusCode.Unimplemented, OneMessage + "; more than one arrived"),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            return next(context);
        }

        if (context.Request.Headers.TryGetValue("grpc-timeout", out var timeout) && !GrpcTimeout.IsValid(timeout.ToString()))
        {
            return RefuseAsync(
                context, StatusCode.InvalidArgument, $"grpc-timeout '{Clip(timeout.ToString())}' is not 1 to 8 digits and a unit (H, M, S, m, u, n)");
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            foreach (var (status, message, answer, detail) in Rewrites)
            {
                if (headers[StatusHeader] == status && (message is null || headers[MessageHeader] == message))
                {
                    headers[StatusHeader] = ((int)answer).ToString(CultureInfo.InvariantCulture);
                    headers[MessageHeader] = Uri.EscapeDataString(detail);
                    break;
                }
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    // A Trailers-Only answer: the status in the headers, no body.
    private static Task RefuseAsync(HttpContext context, StatusCode status, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers[StatusHeader] = ((int)status).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[MessageHeader] = Uri.EscapeDataString(detail);
        return context.Response.CompleteAsync();
    }

    private static string Clip(string value) => value.Length <= 32 ? value : value[..32] + "...";
}
