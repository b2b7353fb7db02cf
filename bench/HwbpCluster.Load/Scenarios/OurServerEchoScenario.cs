using System.Net;
using HwbpCluster.Load.V1;
using HwbpCluster.Rpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Load.Scenarios;

/// <summary>Our client to our server: Kestrel in this process on 127.0.0.1, port 0, cleartext HTTP/2.</summary>
public sealed class OurServerEchoScenario : EchoScenario
{
    private WebApplication? app;

    /// <inheritdoc />
    public override string Name => "echo: C# client -> C# server";

    /// <inheritdoc />
    protected override async Task<Uri> StartServerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        app = builder.Build();
        app.MapGrpcService(LoadReflection.Descriptor.Services[0], b => b.Unary<EchoMessage, EchoMessage>("Echo", (m, _) => Task.FromResult(m)));
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
}
