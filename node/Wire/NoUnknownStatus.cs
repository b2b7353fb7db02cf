namespace HwbpCluster.Node.Wire;

/// <summary>Turns the UNKNOWN that Grpc.AspNetCore answers before any interceptor runs (an unparsable request) into INTERNAL.</summary>
/// <remarks>
/// Grpc.AspNetCore reads a unary request before the interceptors, and answers UNKNOWN "Exception was thrown by handler." when the
/// bytes are not a protobuf message of the method's type. Such a call fails before anything is written, so its status travels in
/// the response headers (Trailers-Only) and can be rewritten just before they go out. Every other failure is mapped by
/// <see cref="ErrorInterceptor"/>, so no call of this node ends UNKNOWN.
/// </remarks>
internal sealed class NoUnknownStatus(RequestDelegate next)
{
    private const string StatusHeader = "grpc-status";
    private const string Unknown = "2";
    private const string Internal = "13";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (headers[StatusHeader] == Unknown)
            {
                headers[StatusHeader] = Internal;
                headers["grpc-message"] = "the request could not be read as a protobuf message of the method's type";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
