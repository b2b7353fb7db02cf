using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Server;

namespace HwbpCluster.Node.Auth;

/// <summary>Checks <c>authorization: Bearer TOKEN</c> on every call but health probes, and records the caller for the services.</summary>
internal sealed class AuthInterceptor(TokenStore store, ILogger<AuthInterceptor> logger)
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";
    private const string BearerPrefix = "Bearer ";
    private static readonly object CallerKey = new();

    /// <summary>The caller recorded for this call (unrestricted on an open node, and for health probes).</summary>
    public static Caller CallerOf(ServerCallContext context) =>
        context.HttpContext.Items.TryGetValue(CallerKey, out var caller) && caller is Caller known ? known : Caller.Unrestricted;

    /// <summary>The interceptor, for <see cref="GrpcServerOptions.Interceptors"/>.</summary>
    public Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
    {
        if (store.IsOpen || context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            return continuation();
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            AuthLog.Refused(logger, context.Method, context.Peer, "no bearer token");
            throw new RpcException(StatusCode.Unauthenticated, "authorization: this node needs 'Bearer TOKEN'");
        }

        var caller = store.Find(header[BearerPrefix.Length..].Trim());
        if (caller is null)
        {
            AuthLog.Refused(logger, context.Method, context.Peer, "unknown token");
            throw new RpcException(StatusCode.Unauthenticated, "authorization: unknown bearer token");
        }

        context.HttpContext.Items[CallerKey] = caller;
        return continuation();
    }
}
