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
        args = NodeSwitches.ExpandFlags(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, NodeSwitches.Mappings);
        var endpoints = NodeEndpoints.From(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey), builder.Configuration);
        CheckExposure(endpoints, builder.Configuration.GetSection(HwbpNodeOptions.SectionName)[nameof(HwbpNodeOptions.AuthTokensFile)]);

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
        try
        {
            await using var app = Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is NodeStartupException or OptionsValidationException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"hwbp-node: {ex.Message}");
            return 2;
        }
    }

    private static void CheckExposure(NodeEndpoints endpoints, string? tokensFile)
    {
        var exposed = endpoints.NonLoopback();
        if (exposed.Count > 0 && string.IsNullOrEmpty(tokensFile))
        {
            throw new NodeStartupException(
                $"refusing to listen on {string.Join(", ", exposed)} without --auth-tokens-file: " +
                "a node without tokens accepts every call, " +
                "so it listens on loopback only (e.g. --urls http://127.0.0.1:7070)");
        }
    }

    private static void MapServices(WebApplication app, NodeEndpoints endpoints)
    {
        app.UseMiddleware<NoUnknownStatus>();

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
