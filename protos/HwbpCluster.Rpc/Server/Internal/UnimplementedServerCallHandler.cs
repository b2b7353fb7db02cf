using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>Answers UNIMPLEMENTED: for methods a service declares but nobody bound, and for unknown paths.</summary>
internal sealed class UnimplementedServerCallHandler(string method, GrpcServerOptions options, ILogger logger)
    : ServerCallHandler(method, MethodType.Unary, options, logger)
{
    protected override Task InvokeAsync(ServerCallContext context) =>
        throw new RpcException(StatusCode.Unimplemented, $"Method {context.Method} is not implemented.");
}
