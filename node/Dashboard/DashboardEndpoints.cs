using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The live dashboard on the <c>--web-urls</c> endpoint: the page (one document, composed from assets embedded in the
/// node's assembly, so the page needs nothing from the internet), and its server-sent-events stream at <c>/dashboard/events</c>.</summary>
internal static class DashboardEndpoints
{
    /// <summary>Where the dashboard lives.</summary>
    public const string Path = "/dashboard";

    /// <summary>Maps the page and its stream; HTTP/1.1 only (the web endpoint), tokens as for gRPC.</summary>
    public static void MapDashboard(this WebApplication app)
    {
        var group = app.MapGroup(Path).AddEndpointFilter(NodeEndpoints.WebOnly).AddEndpointFilter<DashboardAuth>();
        group.MapGet("/", (HttpContext http, DashboardFeed feed) => http.Request.Path.Value?.EndsWith('/') == true
            ? Page(http, feed)
            // Without the trailing slash the page's relative address of its stream would resolve one level up (routing ignores it).
            : Results.Redirect(http.Request.PathBase + Path + "/" + http.Request.QueryString));
        group.MapGet("/events", StreamAsync);
    }

    private static IResult Page(HttpContext http, DashboardFeed feed)
    {
        // The page's stream follows as soon as the browser has parsed it: the read it will want starts now.
        feed.Prime(DashboardAuth.CallerOf(http));
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        // Everything the page loads or connects to is this node's own: no CDN, no other site, no inline code but its own.
        headers.ContentSecurityPolicy = DashboardPage.Policy;
        return Results.Bytes(DashboardPage.Html, "text/html; charset=utf-8");
    }

    private static async Task StreamAsync(HttpContext http, DashboardFeed feed, IHostApplicationLifetime lifetime)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var subscription = feed.Subscribe(DashboardAuth.CallerOf(http));
        // A stopping node ends its streams, so shutdown does not wait for open pages.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // Reconnect quickly after a cut (a slow page, a restarted node): the next connection starts from a snapshot.
            await http.Response.WriteAsync("retry: 500\n\n", ended.Token);
            await http.Response.Body.FlushAsync(ended.Token);
            await foreach (var message in subscription.ReadAllAsync(ended.Token))
            {
                await http.Response.WriteAsync(message, ended.Token);
                await http.Response.Body.FlushAsync(ended.Token);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The page went away or the node stops: nothing to finish.
        }
    }
}
