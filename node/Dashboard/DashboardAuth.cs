using HwbpCluster.Node.Auth;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The gRPC API's token rule applied to the dashboard: on a node with a tokens file every dashboard request needs a
/// known token, as every gRPC call does; on an open node (loopback only) none does.</summary>
/// <remarks>
/// A token comes as <c>authorization: Bearer TOKEN</c> (scripts, curl), or once as <c>?token=TOKEN</c> on the page: the page
/// then sets it as an HttpOnly, SameSite=Strict cookie scoped to the dashboard and redirects to its address without the token,
/// so it stays out of the address bar and the history, and the browser's EventSource (which cannot send headers) brings it
/// back on the stream. SameSite=Strict keeps other sites' pages from riding on it. The token must be an admin token: the page
/// shows every session in full, as the gRPC API does for admin tokens only (403 for the others).
/// </remarks>
internal sealed class DashboardAuth(TokenStore store, ILogger<DashboardAuth> logger) : IEndpointFilter
{
    /// <summary>The cookie that carries the token on the page's own requests.</summary>
    public const string Cookie = "hwbp-token";

    private const string BearerPrefix = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (store.IsOpen)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var request = http.Request;
        if (request.Query.TryGetValue("token", out var query) && query.ToString() is { Length: > 0 } fromQuery)
        {
            switch (store.Find(fromQuery))
            {
                case null:
                    return Refuse(http, "unknown token");
                case { Admin: false } caller:
                    return Forbid(http, caller);
            }

            http.Response.Cookies.Append(Cookie, fromQuery, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = DashboardEndpoints.Path,
            });
            return Results.Redirect(request.PathBase + request.Path);
        }

        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim()
            : request.Cookies.TryGetValue(Cookie, out var cookie) ? cookie
            : null;
        if (string.IsNullOrEmpty(token))
        {
            return Refuse(http, "no token");
        }

        return store.Find(token) switch
        {
            null => Refuse(http, "unknown token"),
            { Admin: false } caller => Forbid(http, caller),
            _ => await next(context),
        };
    }

    // The page shows every session's reservations in full, which the gRPC API shows to admin tokens only (others see other
    // sessions' slots redacted, Auth/Visibility); a redacted dashboard per token is not built.
    private IResult Forbid(HttpContext http, Caller caller)
    {
        DashboardLog.Refused(logger, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?", $"token '{caller.Name}' is not admin");
        return Results.Text(
            $"dashboard: token '{caller.Name}' is not an admin token; the dashboard shows every session in full, as the gRPC API " +
            "does for admin tokens only\n",
            "text/plain; charset=utf-8",
            statusCode: StatusCodes.Status403Forbidden);
    }

    private IResult Refuse(HttpContext http, string reason)
    {
        DashboardLog.Refused(logger, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?", reason);
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = DashboardEndpoints.Path });
        return Results.Text(
            $"dashboard: {reason}; this node needs a token: open {DashboardEndpoints.Path}/?token=TOKEN once (the page keeps it " +
            "in a cookie), or send 'authorization: Bearer TOKEN'\n",
            "text/plain; charset=utf-8",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
