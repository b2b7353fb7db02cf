using Microsoft.Extensions.DependencyInjection;

namespace HwbpCluster.Rpc.Server;

/// <summary>Registers the gRPC server layer's options.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Configures <see cref="GrpcServerOptions"/> (limits, detailed errors, interceptors) for every mapped service.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}
