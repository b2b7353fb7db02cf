using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>One request in, a stream of responses out.</summary>
internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler,
    GrpcServerOptions options,
    ILogger logger)
    : ServerCallHandler(method.FullName, MethodType.ServerStreaming, options, logger)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override async Task InvokeAsync(ServerCallContext context)
    {
        var reader = RequestReader(context, method.RequestParser);
        var request = await reader.ReadSingleAsync();
        await handler(request, new ResponseStreamWriter<TResponse>(context), context);
    }
}
