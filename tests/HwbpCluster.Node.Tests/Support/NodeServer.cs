using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>A whole node in this process, on Kestrel at 127.0.0.1 port 0 (cleartext HTTP/2), with a manual clock.</summary>
internal sealed class NodeServer : IAsyncDisposable
{
    private static readonly string[] Defaults =
        ["--urls", "http://127.0.0.1:0", "--backend", "sim", "--cpus", "4", "--node-name", "n1", "--host-name", "h1"];

    private NodeServer(WebApplication app, FakeTimeProvider time)
    {
        App = app;
        Time = time;
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        Address = new Uri(addresses.Addresses.First());
        Channel = GrpcChannel.ForAddress(Address);
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>Starts a node with the default switches, then <paramref name="args"/> (later switches win).</summary>
    public static Task<NodeServer> StartAsync(params string[] args) => StartAsync(_ => { }, args);

    /// <summary>Starts a node as <see cref="StartAsync(string[])"/> does, with <paramref name="configure"/> registering last.</summary>
    public static async Task<NodeServer> StartAsync(Action<IServiceCollection> configure, params string[] args)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        var app = NodeApp.Build([.. Defaults, .. args], services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(TextWriter.Null);
            services.RemoveAll<ILoggerProvider>();
            services.Configure<GrpcServiceOptions>(o => o.EnableDetailedErrors = true);
            configure(services);
        });
        await app.StartAsync();
        return new NodeServer(app, time);
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token, or none.</summary>
    public NodeClient Client(string? token = null) => new(Channel, token);

    /// <summary>The one line the node prints when it starts.</summary>
    public string Banner => App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Node.Hosting.NodeBanner>().Single().Line();

    /// <summary>One of the node's singletons, to look inside.</summary>
    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
