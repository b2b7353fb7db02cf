using Google.Protobuf;
using Google.Protobuf.Reflection;
using HwbpCluster.Rpc.Server.Internal;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Server;

/// <summary>Binds handlers to the methods of one protobuf service, by method name; unbound methods answer UNIMPLEMENTED.</summary>
public sealed class GrpcServiceBinder
{
    private readonly GrpcServerOptions options;
    private readonly ILogger logger;
    private readonly Dictionary<string, ServerCallHandler> handlers = new(StringComparer.Ordinal);

    internal GrpcServiceBinder(ServiceDescriptor service, GrpcServerOptions options, ILogger logger)
    {
        Service = service;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>The service whose methods are bound.</summary>
    public ServiceDescriptor Service { get; }

    internal IReadOnlyDictionary<string, ServerCallHandler> Handlers => handlers;

    /// <summary>Binds a unary method.</summary>
    public GrpcServiceBinder Unary<TRequest, TResponse>(string name, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(name, MethodType.Unary);
        return Add(name, new UnaryServerCallHandler<TRequest, TResponse>(method, handler, options, logger));
    }

    /// <summary>Binds a server-streaming method whose handler writes to a stream writer.</summary>
    public GrpcServiceBinder ServerStreaming<TRequest, TResponse>(
        string name, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(name, MethodType.ServerStreaming);
        return Add(name, new ServerStreamingServerCallHandler<TRequest, TResponse>(method, handler, options, logger));
    }

    /// <summary>Binds a server-streaming method whose handler returns an async sequence of responses.</summary>
    public GrpcServiceBinder ServerStreaming<TRequest, TResponse>(
        string name, Func<TRequest, ServerCallContext, IAsyncEnumerable<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        return ServerStreaming<TRequest, TResponse>(name, async (request, writer, context) =>
        {
            await foreach (var response in handler(request, context).WithCancellation(context.CancellationToken))
            {
                await writer.WriteAsync(response, context.CancellationToken);
            }
        });
    }

    /// <summary>Binds a client-streaming method.</summary>
    public GrpcServiceBinder ClientStreaming<TRequest, TResponse>(
        string name, Func<IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(name, MethodType.ClientStreaming);
        return Add(name, new DuplexStreamingServerCallHandler<TRequest, TResponse>(
            method,
            async (requests, writer, context) => await writer.WriteAsync(await handler(requests, context), context.CancellationToken),
            options,
            logger));
    }

    /// <summary>Binds a bidirectional-streaming method.</summary>
    public GrpcServiceBinder DuplexStreaming<TRequest, TResponse>(
        string name, Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(name, MethodType.DuplexStreaming);
        return Add(name, new DuplexStreamingServerCallHandler<TRequest, TResponse>(method, handler, options, logger));
    }

    private Method<TRequest, TResponse> Resolve<TRequest, TResponse>(string name, MethodType expected)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = Method<TRequest, TResponse>.FromService(Service, name);
        return method.Type == expected
            ? method
            : throw new ArgumentException($"Method {method.FullName} is {method.Type}, not {expected}.", nameof(name));
    }

    private GrpcServiceBinder Add(string name, ServerCallHandler handler)
    {
        if (!handlers.TryAdd(name, handler))
        {
            throw new ArgumentException($"Method {Service.FullName}/{name} is bound twice.", nameof(name));
        }

        return this;
    }
}
