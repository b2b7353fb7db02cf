using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Audit;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Dashboard;
using HwbpCluster.Node.Diagnostics;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Services;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Wire;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

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
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HwbpNodeOptions>>((kestrel, node) =>
        {
            // Bounded connections: a client holding thousands of idle connections must not exhaust the node's descriptors.
            kestrel.Limits.MaxConcurrentConnections = node.Value.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = node.Value.MaxConnections;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMilliseconds(node.Value.IdleTimeoutMs);
            kestrel.ConfigureHttpsDefaults(https => NodeTls.Configure(https, node.Value));
        });
        // One actor system per node process; every host is a subtree of it (see SimulatedHost.Start).
        services.AddAkka("hwbp-node", builder => builder
            .AddHocon(ConfigurationFactory.ParseString(SimulatedHost.AkkaHocon), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            }));
        services.AddSingleton(sp => new NodeHosts(HostFactory.Create(
            sp.GetRequiredService<IOptions<HwbpNodeOptions>>().Value,
            sp.GetRequiredService<ActorSystem>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<SessionAudit>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<ArbiterService>();
        services.AddSingleton<SimulatorService>();
        services.AddSingleton<FleetService>();
        services.AddSingleton<DashboardSource>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<DashboardAuth>();
        services.AddHostedService<DashboardWarmup>();
        services.AddHostedService<ExposureGuard>();
        services.AddSingleton<TokenReloader>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenReloader>());
        services.AddHostedService<NodeBanner>();
        services.AddHostedService<ClusterMembership>();
        services.AddHostedService<IdleCollector>();

        services.AddSingleton<MetricsInterceptor>();
        services.AddSingleton<ErrorInterceptor>();
        services.AddSingleton<AuthInterceptor>();
        services.AddGrpc(grpc =>
        {
            // Outermost first: metrics see every outcome as the client gets it, authentication failures included.
            grpc.Interceptors.Add<MetricsInterceptor>();
            grpc.Interceptors.Add<ErrorInterceptor>();
            grpc.Interceptors.Add<AuthInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(NodeHealth.MapServices).AddCheck<NodeHealth>(NodeHealth.Name);

        // The node's System.Diagnostics.Metrics instruments, exported for Prometheus at /metrics on the --web-urls endpoint.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(NodeMetrics.MeterName).AddPrometheusExporter());
    }
}
