using System.Net;
using System.Security.Cryptography.X509Certificates;
using HwbpCluster.Rpc.Server;
using HwbpCluster.Rpc.Tests.Interop;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>Our gRPC server with the interop service, on Kestrel bound to 127.0.0.1 port 0, cleartext HTTP/2.</summary>
public sealed class KestrelGrpcServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelGrpcServer(WebApplication app, CancellationLog cancellations, ErrorLogCollector errorLogs)
    {
        this.app = app;
        Cancellations = cancellations;
        ErrorLogs = errorLogs;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Address = new Uri(address);
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public CancellationLog Cancellations { get; }

    /// <summary>Error logs of the server (ours and Kestrel's), for no-unexpected-error checks.</summary>
    public ErrorLogCollector ErrorLogs { get; }

    public static async Task<KestrelGrpcServer> StartAsync(
        Action<GrpcServerOptions>? configure = null,
        Func<InteropService, Action<GrpcServiceBinder>>? bind = null,
        X509Certificate2? certificate = null,
        Action<KestrelServerOptions>? kestrelOptions = null,
        HttpProtocols protocols = HttpProtocols.Http2)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var errorLogs = new ErrorLogCollector();
        builder.Logging.AddProvider(errorLogs);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrelOptions?.Invoke(kestrel);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = protocols;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Services.AddGrpcServer(configure);
        var app = builder.Build();
        var cancellations = new CancellationLog();
        var service = new InteropService(cancellations);
        app.MapGrpcService(InteropReflection.Descriptor.Services[0], bind?.Invoke(service) ?? service.Bind);
        app.MapGrpcUnimplemented();
        await app.StartAsync();
        return new KestrelGrpcServer(app, cancellations, errorLogs);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
