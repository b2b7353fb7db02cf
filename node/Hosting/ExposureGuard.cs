using HwbpCluster.Node.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>
/// A node without tokens accepts every call, so it listens on loopback only. Checked twice: on the configured addresses before
/// anything binds, and on the addresses Kestrel actually bound once it listens, whatever configured them; a node that finds
/// itself exposed fails its start (exit 2) before it announces itself.
/// </summary>
internal sealed class ExposureGuard(IServer server, IOptions<HwbpNodeOptions> options) : IHostedLifecycleService
{
    /// <summary>Throws when <paramref name="urls"/> include a non-loopback address and no tokens file is configured.</summary>
    public static void Check(IEnumerable<string> urls, string? tokensFile)
    {
        var exposed = ListenAddresses.NonLoopback(string.Join(';', urls));
        if (exposed.Count > 0 && string.IsNullOrEmpty(tokensFile))
        {
            throw new NodeStartupException(
                $"refusing to listen on {string.Join(", ", exposed)} without --auth-tokens-file: " +
                "a node without tokens accepts every call, " +
                "so it listens on loopback only (e.g. --urls http://127.0.0.1:7070)");
        }
    }

    /// <inheritdoc/>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Check(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], options.Value.AuthTokensFile);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
