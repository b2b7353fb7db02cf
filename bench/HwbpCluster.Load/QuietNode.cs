using HwbpCluster.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Load;

/// <summary>A whole hwbp-node in this process with logging off, so a measurement pays for no log writes.</summary>
internal static class QuietNode
{
    /// <summary>Builds and starts a node with <paramref name="args"/> (its command-line switches).</summary>
    public static async Task<WebApplication> StartAsync(string[] args, CancellationToken cancellationToken)
    {
        var node = NodeApp.Build(args, services =>
        {
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton(TextWriter.Null);
        });
        await node.StartAsync(cancellationToken);
        return node;
    }

    /// <summary>The one address a started node listens on.</summary>
    public static string Address(WebApplication node) =>
        node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
