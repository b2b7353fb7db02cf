using Grpc.Core;
using Grpc.Core.Interceptors;

namespace HwbpCluster.Node.Internal;

/// <summary>An interceptor that wraps every call, whatever its shape, in one <see cref="InterceptAsync{T}"/>.</summary>
/// <remarks>The node's interceptors care about the call (its method, metadata, outcome), never about its messages.</remarks>
internal abstract class ServerCallInterceptor : Interceptor
{
    public sealed override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        InterceptAsync(context, () => continuation(request, context));

    public sealed override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        InterceptAsync(context, () => continuation(requestStream, context));

    public sealed override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        InterceptAsync(context, () => Done(continuation(request, responseStream, context)));

    public sealed override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        InterceptAsync(context, () => Done(continuation(requestStream, responseStream, context)));

    /// <summary>Runs the rest of the call (<paramref name="continuation"/>) inside this interceptor's policy.</summary>
    protected abstract Task<T> InterceptAsync<T>(ServerCallContext context, Func<Task<T>> continuation);

    private static async Task<bool> Done(Task streaming)
    {
        await streaming;
        return true;
    }
}
