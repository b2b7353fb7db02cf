using System.Net;
using Grpc.Core;
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

/// <summary>The baseline: a plain Grpc.AspNetCore echo in this process on 127.0.0.1, port 0, cleartext HTTP/2.</summary>
public sealed class GrpcDotnetEchoScenario : EchoScenario
{
    private WebApplication? app;

    /// <inheritdoc />
    public override string Name => "echo: Grpc.Net.Client -> Grpc.AspNetCore";

    /// <inheritdoc />
    protected override async Task<Uri> StartServerAsync(CancellationToken cancellationToken)
    {
        // The node's builder (not the slim one), so the baseline runs on the same host set-up as the node.
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        app = builder.Build();
        app.MapGrpcService<EchoService>();
        await app.StartAsync(cancellationToken);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class EchoService : Echo.EchoBase
    {
        public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
    }
}
