using Grpc.Core;
using HwbpCluster.Node.Internal;

namespace HwbpCluster.Node.Auth;

/// <summary>Checks <c>authorization: Bearer TOKEN</c> on every call but health probes, and records the caller for the services.</summary>
internal sealed class AuthInterceptor(TokenStore store, ILogger<AuthInterceptor> logger) : ServerCallInterceptor
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";
    private const string BearerPrefix = "Bearer ";
    private static readonly object CallerKey = new();

    /// <summary>The caller recorded for this call (unrestricted on an open node, and for health probes).</summary>
    public static Caller CallerOf(ServerCallContext context) =>
        context.UserState.TryGetValue(CallerKey, out var caller) && caller is Caller known ? known : Caller.Unrestricted;

    protected override Task<T> InterceptAsync<T>(ServerCallContext context, Func<Task<T>> continuation)
    {
        if (store.IsOpen || context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            return continuation();
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            AuthLog.Refused(logger, context.Method, context.Peer, "no bearer token");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authorization: this node needs 'Bearer TOKEN'"));
        }

        var caller = store.Find(header[BearerPrefix.Length..].Trim());
        if (caller is null)
        {
            AuthLog.Refused(logger, context.Method, context.Peer, "unknown token");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authorization: unknown bearer token"));
        }

        context.UserState[CallerKey] = caller;
        return continuation();
    }
}
