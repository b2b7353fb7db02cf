using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Diagnostics;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Services;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Rpc.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node;

/// <summary>The node's service registrations.</summary>
public static partial class NodeApp
{
    private static void AddNodeServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HwbpNodeOptions>().Bind(configuration.GetSection(HwbpNodeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HwbpNodeOptions>, HwbpNodeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Console.Out);
        services.AddMetrics();
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<AuthInterceptor>();
        services.AddSingleton<MetricsInterceptor>();
        services.AddSingleton(sp => new NodeHosts(HostFactory.Create(
            sp.GetRequiredService<IOptions<HwbpNodeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<ArbiterService>();
        services.AddSingleton<SimulatorService>();
        services.AddSingleton<FleetService>();
        services.AddSingleton<HealthService>();
        services.AddHostedService<NodeBanner>();
        services.AddHostedService<ClusterMembership>();

        services.AddGrpcServer();
        services.AddOptions<GrpcServerOptions>().Configure<MetricsInterceptor, AuthInterceptor, TokenStore>((grpc, metrics, auth, tokens) =>
        {
            // Outermost first: metrics see every outcome, authentication failures included. An open node has nothing to check.
            grpc.Interceptors.Add(metrics.InterceptAsync);
            if (!tokens.IsOpen)
            {
                grpc.Interceptors.Add(auth.InterceptAsync);
            }
        });
    }
}
