using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>A request stream and a response stream at once (also serves client streaming, whose handler returns one reply).</summary>
internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler,
    GrpcServerOptions options,
    ILogger logger)
    : ServerCallHandler(method.FullName, method.Type, options, logger)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override Task InvokeAsync(ServerCallContext context)
    {
        var reader = RequestReader(context, method.RequestParser);
        return handler(reader, new ResponseStreamWriter<TResponse>(context), context);
    }
}
