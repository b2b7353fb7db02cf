using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Server;

/// <summary>Options of the gRPC server layer, shared by every mapped service.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The largest request message accepted, in bytes; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    /// <remarks>Default 4 MiB, as in other gRPC implementations.</remarks>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Whether UNKNOWN statuses from handler exceptions carry the exception's message.</summary>
    /// <remarks>Default false: the client sees a generic message and the exception is logged.</remarks>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Interceptors run on every call, first added outermost.</summary>
    public IList<ServerCallInterceptor> Interceptors { get; } = [];

    /// <summary>The clock for grpc-timeout deadlines; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
