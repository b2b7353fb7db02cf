using HwbpCluster.Node.Dashboard;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Services;
using HwbpCluster.Node.Wire;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node;

/// <summary>The hwbp-node application: builds the web host that serves hwbp.v1 and grpc.health.v1 over the node's hosts.</summary>
public static partial class NodeApp
{
    /// <summary>Where the node listens when no <c>--urls</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7070";

    /// <summary>Builds the node from command-line <paramref name="args"/>, appsettings.json and environment, ready to start.</summary>
    /// <param name="args">Switches such as <c>--backend sim --cpus 4 --urls http://127.0.0.1:0</c>.</param>
    /// <param name="configureServices">Last-word service registrations, e.g. a test's TimeProvider.</param>
    /// <exception cref="NodeStartupException">The configuration cannot start a node (e.g. exposed without tokens).</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var expanded = NodeSwitches.ExpandFlags(args);
        if (NodeUsage.Unknown(expanded) is { } unknown)
        {
            throw new NodeStartupException($"unknown switch '{unknown}' (hwbp-node --help lists them)");
        }

        var (urls, rest) = NodeSwitches.TakeUrls(expanded);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(rest, NodeSwitches.Mappings);
        if (builder.Configuration.GetValue<bool>($"{HwbpNodeOptions.SectionName}:{nameof(HwbpNodeOptions.Verbose)}"))
        {
            builder.Configuration.AddInMemoryCollection(NodeSwitches.VerboseLogging);
        }

        var endpoints = NodeEndpoints.From(urls ?? builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey), builder.Configuration);
        CheckAddresses(endpoints.All.Concat(KestrelEndpointUrls(builder.Configuration)), builder.Configuration);

        // The start failure is reported once, by RunAsync, as one line: not also as an error log with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        // Grpc.AspNetCore logs at error level, with a stack trace, only what fails before the interceptors: a request that is
        // not the method's message, which is the client's fault and is answered by RequestGuard. Everything the services
        // throw is mapped and logged by ErrorInterceptor, so nothing the node does wrong is hidden by this.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Critical);

        // Kestrel binds the endpoints named in configuration, each with its protocols; --urls itself is consumed here.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.Configuration.AddInMemoryCollection(endpoints.KestrelConfiguration());
        AddNodeServices(builder.Services, builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();

        // The hosts start now, not at the first call: a backend that cannot start refuses the configuration before listening.
        app.Services.GetRequiredService<NodeHosts>();
        MapServices(app, endpoints);
        return app;
    }

    /// <summary>Builds and runs the node until Ctrl+C; returns the process exit code (2 for a configuration the node refuses).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (NodeUsage.WantsHelp(args))
        {
            await Console.Out.WriteAsync(NodeUsage.Text());
            return 0;
        }

        try
        {
            await using var app = Build(args);
            await StartAsync(app);
            await app.WaitForShutdownAsync();

            // 0, or what stopped the node set (2: the cluster refused it, see ClusterMembership).
            return Environment.ExitCode;
        }
        catch (Exception ex) when (ex is NodeStartupException or OptionsValidationException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"hwbp-node: {ex.Message}");
            return 2;
        }
    }

    // Kestrel's bind failures (a port in use, an address this machine does not have) are configuration errors, said in one line.
    private static async Task StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            throw new NodeStartupException($"cannot listen: {ex.Message}", ex);
        }
    }

    // Refuses, before anything binds, addresses a node may not or cannot listen on, wherever they were configured.
    private static void CheckAddresses(IEnumerable<string> urls, IConfiguration configuration)
    {
        var all = urls.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var section = configuration.GetSection(HwbpNodeOptions.SectionName);
        if (all.FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) is { } https
            && string.IsNullOrEmpty(section[nameof(HwbpNodeOptions.TlsCert)]))
        {
            throw new NodeStartupException($"cannot listen on {https} without a certificate: give --tls-cert and --tls-key (PEM files)");
        }

        if (ListenAddresses.Ipv4Mapped(all) is [var mapped, ..])
        {
            throw new NodeStartupException(
                $"cannot listen on {mapped}: Kestrel does not bind IPv4-mapped IPv6 addresses; write the IPv4 address (e.g. http://127.0.0.1:7070)");
        }

        ExposureGuard.Check(all, configuration.GetSection(HwbpNodeOptions.SectionName)[nameof(HwbpNodeOptions.AuthTokensFile)]);
    }

    // Endpoints configured for Kestrel directly (--Kestrel:Endpoints:E:Url=..., Kestrel__Endpoints__E__Url, appsettings.json).
    private static IEnumerable<string> KestrelEndpointUrls(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();

    private static void MapServices(WebApplication app, NodeEndpoints endpoints)
    {
        app.UseMiddleware<RequestGuard>();

        // gRPC-Web (browsers) arrives on the HTTP/1.1 endpoint; the middleware passes plain gRPC through untouched.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<ArbiterService>();
        app.MapGrpcService<SimulatorService>();
        app.MapGrpcService<FleetService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        if (endpoints.Web.Count > 0)
        {
            // Prometheus and browsers come over HTTP/1.1, i.e. the --web-urls endpoint: the gRPC endpoint speaks HTTP/2 only.
            app.MapPrometheusScrapingEndpoint().AddEndpointFilter(NodeEndpoints.WebOnly);
            app.MapDashboard();
        }
    }
}
