namespace HwbpCluster.Rpc.Server;

/// <summary>Wraps every server call: sees the method and request metadata before the handler runs, and its outcome after.</summary>
/// <param name="context">The call; <see cref="ServerCallContext.Method"/> and <see cref="ServerCallContext.RequestHeaders"/> are set.</param>
/// <param name="continuation">Runs the rest of the pipeline: later interceptors, reading the request, the handler.</param>
/// <returns>A task that completes when the call's handler has completed.</returns>
/// <remarks>
/// Throw <see cref="RpcException"/> instead of calling <paramref name="continuation"/> to reject a call (e.g. UNAUTHENTICATED).
/// The continuation completes normally for an OK call and otherwise throws only <see cref="RpcException"/>, already
/// carrying the status the client gets (a handler's other exceptions become UNKNOWN, cancellations CANCELLED or
/// DEADLINE_EXCEEDED), so a metrics interceptor can record <see cref="RpcException.StatusCode"/> as it is.
/// </remarks>
public delegate Task ServerCallInterceptor(ServerCallContext context, Func<Task> continuation);
