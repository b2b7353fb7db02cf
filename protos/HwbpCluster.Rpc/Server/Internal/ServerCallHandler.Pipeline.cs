namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>Interceptors around the handler, and the status each exception ends the call with.</summary>
internal abstract partial class ServerCallHandler
{
    private Task RunPipelineAsync(ServerCallContext context)
    {
        var interceptors = Options.Interceptors;
        if (interceptors.Count == 0)
        {
            return InvokeAsync(context);
        }

        // Interceptors see only RpcException, already carrying the status the client will get.
        Func<Task> next = () => InvokeWithStatusAsync(context);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = () => interceptor(context, inner);
        }

        return next();
    }

    private async Task InvokeWithStatusAsync(ServerCallContext context)
    {
        try
        {
            await InvokeAsync(context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw ToRpcException(ex, context);
        }
    }

    /// <summary>The status an exception ends the call with: its own, CANCELLED, DEADLINE_EXCEEDED, or UNKNOWN.</summary>
    private RpcException ToRpcException(Exception ex, ServerCallContext context)
    {
        if (ex is RpcException rpc)
        {
            return rpc;
        }

        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "The client cancelled the call."), null, ex);
        }

        if (ex is OperationCanceledException && context.DeadlineToken.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded."), null, ex);
        }

        ServerLog.HandlerFailed(logger, method, ex);
        var detail = Options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
            : "Exception was thrown by handler.";
        return new RpcException(new Status(StatusCode.Unknown, detail), null, ex);
    }
}
