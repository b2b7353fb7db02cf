using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Load.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Load.Scenarios;

/// <summary>The baseline: Grpc.Net.Client to a plain Grpc.AspNetCore echo in this process on 127.0.0.1, port 0, cleartext HTTP/2.</summary>
public sealed class GrpcDotnetEchoScenario : LoadScenario
{
    private static readonly EchoMessage Request = new();
    private WebApplication? app;
    private GrpcChannel? channel;
    private Echo.EchoClient? client;

    /// <inheritdoc />
    public override string Name => "echo: Grpc.Net.Client -> Grpc.AspNetCore";

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        app = builder.Build();
        app.MapGrpcService<EchoService>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        channel = GrpcChannel.ForAddress(address);
        client = new Echo.EchoClient(channel);

        // The first call opens the connection; it is not part of any measurement.
        await CallAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken) =>
        await client!.EchoAsync(Request, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        channel?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private sealed class EchoService : Echo.EchoBase
    {
        public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
    }
}
