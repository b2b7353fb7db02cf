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
internal sealed partial class RequestGuard(RequestDelegate next, ILogger<RequestGuard> logger)
{
    // Every hwbp.v1 call takes one request message of at most 4 MiB (Grpc.AspNetCore's limit) behind a 5-byte frame header:
    // beyond that the request is left to Grpc.AspNetCore, which refuses it, rather than buffered here.
    private const long WholeRequestLimit = (4L * 1024 * 1024) + 5;

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

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }

        // A client that resets its stream before its request is whole is not a failure of the node: Grpc.AspNetCore would log
        // it at error level with a stack trace. Wait for the whole request here; a reset ends the call quietly.
        if (!await RequestArrivedAsync(context))
        {
            return;
        }

        if (context.Request.Headers.TryGetValue("grpc-timeout", out var timeout) && !GrpcTimeout.IsValid(timeout.ToString()))
        {
            await RefuseAsync(
                context, StatusCode.InvalidArgument, $"grpc-timeout '{Clip(timeout.ToString())}' is not 1 to 8 digits and a unit (H, M, S, m, u, n)");
            return;
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
        await next(context);
    }

    // Reads the request body to its end without consuming it (Grpc.AspNetCore reads it next); false when the client reset it.
    private async Task<bool> RequestArrivedAsync(HttpContext context)
    {
        var body = context.Request.BodyReader;
        while (true)
        {
            System.IO.Pipelines.ReadResult read;
            try
            {
                read = await body.ReadAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                ClientReset(logger, context.Request.Path, ex.Message);
                return false;
            }

            if (read.IsCompleted || read.IsCanceled || read.Buffer.Length > WholeRequestLimit)
            {
                body.AdvanceTo(read.Buffer.Start);
                return true;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Debug, Message = "The client reset {Method} before its request was whole: {Reason}")]
    private static partial void ClientReset(ILogger logger, string method, string reason);

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
