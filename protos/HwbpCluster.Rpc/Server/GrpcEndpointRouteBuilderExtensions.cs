using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HwbpCluster.Rpc.Internal;
using HwbpCluster.Rpc.Server.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Rpc.Server;

/// <summary>Maps gRPC services onto ASP.NET Core endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps every method of a protobuf service to a POST endpoint "/package.Service/Method".</summary>
    /// <param name="endpoints">The route builder (a WebApplication).</param>
    /// <param name="service">The service, e.g. <c>HwbpReflection.Descriptor.Services[0]</c>.</param>
    /// <param name="bind">Binds handlers by method name; methods left unbound answer UNIMPLEMENTED.</param>
    /// <returns>A builder to add conventions (authorization, host filters) to every method's endpoint.</returns>
    public static IEndpointConventionBuilder MapGrpcService(
        this IEndpointRouteBuilder endpoints, ServiceDescriptor service, Action<GrpcServiceBinder> bind)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(bind);
        var (options, logger) = Resolve(endpoints);
        var binder = new GrpcServiceBinder(service, options, logger);
        bind(binder);

        var group = endpoints.MapGroup(string.Empty);
        foreach (var method in service.Methods)
        {
            var path = $"/{service.FullName}/{method.Name}";
            var handler = binder.Handlers.TryGetValue(method.Name, out var bound)
                ? bound
                : new UnimplementedServerCallHandler(path, options, logger);
            group.MapPost(path, handler.HandleAsync).WithDisplayName($"gRPC {path}");
        }

        return group;
    }

    /// <summary>Answers UNIMPLEMENTED for gRPC calls to any other "/service/method" path (404 for non-gRPC requests).</summary>
    public static IEndpointConventionBuilder MapGrpcUnimplemented(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var (options, logger) = Resolve(endpoints);
        return endpoints.MapFallback("/{service}/{method}", context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !GrpcProtocol.IsGrpcContentType(context.Request.ContentType))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return new UnimplementedServerCallHandler(context.Request.Path, options, logger).HandleAsync(context);
        }).WithDisplayName("gRPC unimplemented");
    }

    private static (GrpcServerOptions Options, ILogger Logger) Resolve(IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetService<IOptions<GrpcServerOptions>>()?.Value ?? new GrpcServerOptions();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("HwbpCluster.Rpc.Server") ?? NullLogger.Instance;
        return (options, logger);
    }
}
