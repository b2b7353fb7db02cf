using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>One request in, one response out.</summary>
internal sealed class UnaryServerCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TRequest, ServerCallContext, Task<TResponse>> handler,
    GrpcServerOptions options,
    ILogger logger)
    : ServerCallHandler(method.FullName, MethodType.Unary, options, logger)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override async Task InvokeAsync(ServerCallContext context)
    {
        var reader = RequestReader(context, method.RequestParser);
        var request = await reader.ReadSingleAsync();
        var response = await handler(request, context);
        new ResponseStreamWriter<TResponse>(context).Write(response);
    }
}
