using Grpc.AspNetCore.Server;
using HwbpCluster.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HwbpCluster.Client.Tests.Support;

/// <summary>A real hwbp-node in this process on 127.0.0.1 port 0 (sim backend, 4 CPUs, host h1), sharing a manual clock with its clients.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private static readonly string[] Defaults = ["--urls", "http://127.0.0.1:0", "--backend", "sim", "--cpus", "4", "--node-name", "n1", "--host-name", "h1"];
    private readonly List<HwbpClient> clients = [];

    private TestNode(WebApplication app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public WebApplication App { get; }

    /// <summary>The node's clock, which its clients share: advancing it fires both the node's lease timers and the SDK's renewals.</summary>
    public FakeTimeProvider Clock { get; }

    public Uri Address { get; }

    /// <summary>Starts a node with the default switches, then <paramref name="args"/> (later switches win).</summary>
    public static async Task<TestNode> StartAsync(params string[] args)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        var app = NodeApp.Build([.. Defaults, .. args], services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(TextWriter.Null);
            services.AddLogging(logging => logging.ClearProviders());
            services.Configure<GrpcServiceOptions>(o => o.EnableDetailedErrors = true);
        });
        await app.StartAsync();
        return new TestNode(app, clock);
    }

    /// <summary>A client of this node on its clock, disposed with the node.</summary>
    public HwbpClient Connect(string? token = null, HttpMessageHandler? handler = null)
    {
        var client = HwbpClient.Connect(Address, new HwbpClientOptions { BearerToken = token, TimeProvider = Clock, HttpHandler = handler });
        clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }
}
