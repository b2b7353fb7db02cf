using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Services;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }

        CheckExposure(urls, builder.Configuration.GetSection(HwbpNodeOptions.SectionName)[nameof(HwbpNodeOptions.AuthTokensFile)]);

        // Endpoints made from --urls default to HTTP/1.1 + HTTP/2, which answers h2c prior-knowledge clients with HTTP/1.1 only.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        AddNodeServices(builder.Services, builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        MapServices(app);
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

    private static void CheckExposure(string urls, string? tokensFile)
    {
        var exposed = ListenAddresses.NonLoopback(urls);
        if (exposed.Count > 0 && string.IsNullOrEmpty(tokensFile))
        {
            throw new NodeStartupException(
                $"refusing to listen on {string.Join(", ", exposed)} without --auth-tokens-file: " +
                "a node without tokens accepts every call, " +
                "so it listens on loopback only (e.g. --urls http://127.0.0.1:7070)");
        }
    }

    private static void MapServices(WebApplication app)
    {
        var services = app.Services;
        var hwbp = HwbpReflection.Descriptor;
        app.MapGrpcService(hwbp.FindTypeByName<ServiceDescriptor>("Arbiter"), services.GetRequiredService<ArbiterService>().Bind);
        app.MapGrpcService(hwbp.FindTypeByName<ServiceDescriptor>("Simulator"), services.GetRequiredService<SimulatorService>().Bind);
        app.MapGrpcService(hwbp.FindTypeByName<ServiceDescriptor>("Fleet"), services.GetRequiredService<FleetService>().Bind);
        app.MapGrpcService(HealthReflection.Descriptor.Services[0], services.GetRequiredService<HealthService>().Bind);
        app.MapGrpcUnimplemented();
    }
}
