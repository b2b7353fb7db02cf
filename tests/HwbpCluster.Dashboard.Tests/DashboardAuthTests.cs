using System.Net;
using System.Net.Http.Headers;
using HwbpCluster.Dashboard.Tests.Support;
using static HwbpCluster.Dashboard.Tests.DashboardPageTests;

namespace HwbpCluster.Dashboard.Tests;

/// <summary>The gRPC API's token rule on the dashboard: a node with a tokens file shows it only to a known token (header, or once as
/// a query parameter that becomes a cookie); the page and its assets come from the node itself and only on the web endpoint.</summary>
public sealed class DashboardAuthTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Token = "dash-s3cret";
    private const string Plain = "not-admin";
    private readonly string tokens = Path.Combine(Path.GetTempPath(), $"hwbp-dashboard-tokens-{Guid.NewGuid():N}.json");
    private DashboardNode? node;

    private DashboardNode Node => node!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokens, $$"""{"tokens": [{"token": "{{Token}}", "name": "ops", "admin": true}, {"token": "{{Plain}}", "name": "ci", "kinds": ["PERF"]}]}""");
        node = await DashboardNode.StartAsync("--auth-tokens-file", tokens);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        File.Delete(tokens);
    }

    [Fact]
    public async Task Without_a_known_token_the_page_and_the_stream_are_401_and_say_how_to_pass_one()
    {
        using var http = Client();

        foreach (var path in new[] { "/dashboard/", "/dashboard/dashboard.js", "/dashboard/events" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("?token=TOKEN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        using var refused = await http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("unknown token", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrongQuery = await http.GetAsync("/dashboard/?token=not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongQuery.StatusCode);
    }

    [Fact]
    public async Task A_token_that_is_not_admin_is_403_since_the_page_shows_every_session_in_full()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Plain);

        using var response = await http.SendAsync(request);
        using var viaQuery = await http.GetAsync($"/dashboard/?token={Plain}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("token 'ci' is not an admin token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, viaQuery.StatusCode);
        Assert.False(viaQuery.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_stream_takes_the_token_as_a_bearer_header_and_starts_with_a_snapshot()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        string? line;
        while ((line = await reader.ReadLineAsync(cts.Token)) is not null && line != "event: snapshot")
        {
        }

        var data = await reader.ReadLineAsync(cts.Token);
        Assert.StartsWith("data: {\"self\":\"n1\"", data, StringComparison.Ordinal);
        Assert.Contains("\"host\": \"h1\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_the_query_becomes_a_strict_http_only_cookie_and_the_address_loses_it()
    {
        using var http = Client();

        using var response = await http.GetAsync($"/dashboard/?token={Token}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"hwbp-token={Token};", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        page.Headers.Add("Cookie", $"hwbp-token={Token}");
        using var served = await http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/html", served.Content.Headers.ContentType?.MediaType);
    }

    [ChromiumFact]
    public async Task In_the_browser_a_token_given_once_in_the_address_opens_the_live_page()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{Node.Dashboard}?token={Token}");

        Assert.Equal(Node.Dashboard, page.Url);
        await Expect(page, "#connection[data-state='live']");
        await Expect(page, ".host[data-host='h1'] td.slot[data-cpu='3'][data-slot='3']");
    }

    [Fact]
    public async Task The_assets_come_from_the_node_with_a_policy_that_forbids_any_other_origin()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        foreach (var (path, type) in new[] { ("/dashboard/", "text/html"), ("/dashboard/dashboard.js", "text/javascript"), ("/dashboard/dashboard.css", "text/css") })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("http://", body, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
        }

        using var missing = await http.GetAsync("/dashboard/secrets.txt");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_grpc_endpoint_does_not_serve_the_dashboard()
    {
        // The gRPC endpoint speaks cleartext HTTP/2 only (prior knowledge); the dashboard is the web endpoint's.
        using var http = new HttpClient { BaseAddress = Node.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Node.WebAddress };
}
