using HwbpCluster.Node.Auth;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The gRPC API's token rule applied to the dashboard: on a node with a tokens file every dashboard request needs a
/// known token, as every gRPC call does; on an open node (loopback only) none does.</summary>
/// <remarks>
/// A token comes as <c>authorization: Bearer TOKEN</c> (scripts, curl), or once as <c>?token=TOKEN</c> on the page: the page
/// then sets it as an HttpOnly, SameSite=Strict cookie scoped to the dashboard and redirects to its address without the token,
/// so it stays out of the address bar and the history, and the browser's EventSource (which cannot send headers) brings it
/// back on the stream. SameSite=Strict keeps other sites' pages from riding on it. Any known token may watch: an admin token
/// sees every session in full, any other its own sessions in full and everyone else's reservations as kinds only, as the gRPC
/// API shows them (<see cref="DashboardVisibility"/>); the stream learns which from <see cref="CallerOf"/>.
/// </remarks>
internal sealed class DashboardAuth(TokenStore store, ILogger<DashboardAuth> logger) : IEndpointFilter
{
    /// <summary>The cookie that carries the token on the page's own requests.</summary>
    public const string Cookie = "hwbp-token";

    private const string BearerPrefix = "Bearer ";

    private static readonly object CallerKey = new();

    /// <summary>Who made the request, as this filter found: the open node's unrestricted caller where no tokens file is given.</summary>
    public static Caller CallerOf(HttpContext http) =>
        http.Items.TryGetValue(CallerKey, out var caller) && caller is Caller known ? known : Caller.Unrestricted;

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
            if (store.Find(fromQuery) is null)
            {
                return Refuse(http, "unknown token");
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

        if (store.Find(token) is not { } caller)
        {
            return Refuse(http, "unknown token");
        }

        http.Items[CallerKey] = caller;
        return await next(context);
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
