using Google.Protobuf;
using HwbpCluster.Hosts;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Server;

namespace HwbpCluster.Node.Wire;

/// <summary>Binds handlers so that a host's failure leaves the node as the status code its <see cref="HostError"/> maps to.</summary>
/// <remarks>
/// The Rpc layer turns every exception but <see cref="RpcException"/> into UNKNOWN before interceptors see it, so the mapping
/// wraps each handler instead of intercepting the call.
/// </remarks>
internal static class HostErrorBinding
{
    /// <summary>Binds a unary method whose host errors map to their status codes.</summary>
    public static GrpcServiceBinder MapUnary<TRequest, TResponse>(
        this GrpcServiceBinder binder, string name, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        binder.Unary<TRequest, TResponse>(name, async (request, context) =>
        {
            try
            {
                return await handler(request, context);
            }
            catch (HostException ex)
            {
                throw RpcErrors.FromHost(ex);
            }
        });

    /// <summary>Binds a server-streaming method whose host errors map to their status codes.</summary>
    public static GrpcServiceBinder MapServerStreaming<TRequest, TResponse>(
        this GrpcServiceBinder binder, string name, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        binder.ServerStreaming<TRequest, TResponse>(name, async (request, writer, context) =>
        {
            try
            {
                await handler(request, writer, context);
            }
            catch (HostException ex)
            {
                throw RpcErrors.FromHost(ex);
            }
        });
}
