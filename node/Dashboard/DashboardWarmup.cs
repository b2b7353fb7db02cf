using HwbpCluster.Node.Options;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Dashboard;

/// <summary>Warms the dashboard as the node starts (when it has a web endpoint), so the first page after a start loads as fast
/// as any later one: before, it paid 0.4–1 s more on a busy machine.</summary>
/// <remarks>
/// Two things were slow the first time only: the node's first HTTP request (ASP.NET Core builds its route matcher and every
/// endpoint's request delegate then; 0.36–0.45 s measured), and the first read of the cluster (the code that reads and formats
/// it is compiled, and every host's JSON is formatted; 0.5–1 s for 100 hosts of 8 CPUs). Both are done here, once, after Kestrel
/// listens and before the node counts as started (its banner follows): one request for <c>/favicon.ico</c> to each plain-HTTP
/// web address (a 404, refused by no filter, logged nowhere), the page composed (<see cref="DashboardPage"/>), and one read of
/// the cluster for nobody (<see cref="DashboardFeed.WarmAsync"/>). Bounded by <see cref="Bound"/>; a failure only leaves the node cold.
/// </remarks>
internal sealed class DashboardWarmup(DashboardFeed feed, IOptions<HwbpNodeOptions> options, ILogger<DashboardWarmup> logger)
    : IHostedLifecycleService
{
    /// <summary>The longest the warm-up may hold up the node's start.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    /// <inheritdoc/>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var web = options.Value.WebUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (web.Length == 0)
        {
            return;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        try
        {
            var read = feed.WarmAsync();
            _ = DashboardPage.Html; // composed (three resources read, two hashes) once, now rather than for the first page
            // https would need the node's own certificate trusted here; a port 0 is not known until bound: both start cold.
            using var http = new HttpClient { Timeout = Bound };
            foreach (var url in web.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
                         .OfType<Uri>().Where(u => u.Scheme == Uri.UriSchemeHttp && u.Port > 0))
            {
                using var response = await http.GetAsync(new Uri(url, "/favicon.ico"), bounded.Token);
            }

            await read.WaitAsync(bounded.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            DashboardLog.WarmupFailed(logger, ex.Message);
        }
    }

    /// <inheritdoc/>
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
