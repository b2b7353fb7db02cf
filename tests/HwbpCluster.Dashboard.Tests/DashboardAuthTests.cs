using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using HwbpCluster.Dashboard.Tests.Support;
using HwbpCluster.Node.Auth;
using HwbpCluster.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using static HwbpCluster.Dashboard.Tests.DashboardPageTests;

namespace HwbpCluster.Dashboard.Tests;

/// <summary>The gRPC API's token rules on the dashboard: a node with a tokens file shows it only to a known token (header, or once as
/// a query parameter that becomes a cookie), and shows a token that is not admin other sessions' reservations as kinds only; the
/// page comes from the node itself and only on the web endpoint.</summary>
public sealed class DashboardAuthTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Token = "dash-s3cret";
    private const string Plain = "not-admin";
    private readonly string tokens = Path.Combine(Path.GetTempPath(), $"hwbp-dashboard-tokens-{Guid.NewGuid():N}.json");
    private DashboardNode? node;

    private DashboardNode Node => node!;

    public async Task InitializeAsync()
    {
        // ci is not admin; KGDB makes it privileged (CPU-bound breakpoints), which is not seeing other sessions.
        await File.WriteAllTextAsync(tokens, $$"""{"tokens": [{"token": "{{Token}}", "name": "ops", "admin": true}, {"token": "{{Plain}}", "name": "ci", "kinds": ["PERF", "KGDB"]}]}""");
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

        foreach (var path in new[] { "/dashboard/", "/dashboard/events" })
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
    public async Task A_token_that_is_not_admin_sees_its_own_sessions_in_full_and_others_only_as_kinds_in_the_snapshot_the_patches_and_the_log()
    {
        // Another token's session (admin here) and this token's own, each holding a slot of h1.
        var theirs = await OpenAsync(Token, "their-client");
        var theirSlot = await ReserveAsync(Token, theirs, cpu: 0, address: 0xDEAD_0000, label: "their-secret");
        var mine = await OpenAsync(Plain, "my-client");
        var mySlot = await ReserveAsync(Plain, mine, cpu: 1, address: 0xBEEF_0000, label: "my-label");
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Plain);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var snapshot = await NextEventAsync(events, "snapshot", _ => true, cts.Token);

        Assert.Contains("\"viewer\":\"ci\"", snapshot, StringComparison.Ordinal);
        Assert.Contains(mine, snapshot, StringComparison.Ordinal);
        Assert.Contains("my-label", snapshot, StringComparison.Ordinal);
        Assert.Contains($"{0xBEEF_0000UL}", snapshot, StringComparison.Ordinal);
        // Theirs: the slot is held, by kind PERF, and nothing more.
        Assert.Contains($"\"{theirSlot}\"", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("their-secret", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain($"{0xDEAD_0000UL}", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("their-client", snapshot, StringComparison.Ordinal);

        // A change of theirs reaches the page as a patch and a log line, redacted too.
        var another = await ReserveAsync(Token, theirs, cpu: 2, address: 0xDEAD_1000, label: "their-second");
        var patch = await NextEventAsync(events, "patch", data => data.Contains(another, StringComparison.Ordinal), cts.Token);
        Assert.Contains($"{another} reserved: PERF (another session) on cpu 2", patch, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, patch, StringComparison.Ordinal);
        Assert.DoesNotContain("their-second", patch, StringComparison.Ordinal);
        Assert.DoesNotContain($"{0xDEAD_1000UL}", patch, StringComparison.Ordinal);
        Assert.NotEqual(mySlot, another);
    }

    [Fact]
    public async Task A_token_removed_from_the_tokens_file_loses_its_open_page_at_the_next_read()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Plain);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        await NextEventAsync(events, "snapshot", _ => true, cts.Token);

        await File.WriteAllTextAsync(tokens, $$"""{"tokens": [{"token": "{{Token}}", "name": "ops", "admin": true}]}""");
        await Node.App.Services.GetRequiredService<TokenReloader>().ReloadAsync();

        // The stream ends (the page's EventSource would reconnect, and be refused).
        while (await events.ReadLineAsync(cts.Token) is not null)
        {
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Plain);
        using var refused = await http.SendAsync(again, cts.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task An_admin_token_sees_every_session_in_full()
    {
        var theirs = await OpenAsync(Plain, "their-client");
        await ReserveAsync(Plain, theirs, cpu: 0, address: 0xDEAD_0000, label: "their-label");
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var snapshot = await NextEventAsync(events, "snapshot", _ => true, cts.Token);

        Assert.DoesNotContain("\"viewer\"", snapshot, StringComparison.Ordinal);
        Assert.Contains(theirs, snapshot, StringComparison.Ordinal);
        Assert.Contains("their-label", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_is_not_admin_gets_the_page_through_the_query_cookie_too()
    {
        using var http = Client();

        using var viaQuery = await http.GetAsync($"/dashboard/?token={Plain}");

        Assert.Equal(HttpStatusCode.Redirect, viaQuery.StatusCode);
        Assert.StartsWith($"hwbp-token={Plain};", Assert.Single(viaQuery.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
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
        await Expect(page, ".host[data-host='h1'] .slot[data-cpu='3'][data-slot='3']");
    }

    [ChromiumFact]
    public async Task In_the_browser_a_token_that_is_not_admin_sees_another_sessions_slot_as_held_by_its_kind_and_nothing_more()
    {
        var theirs = await OpenAsync(Token, "their-client");
        var held = await ReserveAsync(Token, theirs, cpu: 0, address: 0xDEAD_0000, label: "their-secret");
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{Node.Dashboard}?token={Plain}");

        var slot = $".slot[data-host='h1'][data-cpu='0'][data-reservation='{held}'][data-kind='PERF']";
        await Expect(page, slot);
        Assert.Contains("another session", await page.Locator(slot).InnerTextAsync(), StringComparison.Ordinal);
        var content = await page.ContentAsync();
        Assert.DoesNotContain(theirs, content, StringComparison.Ordinal);
        Assert.DoesNotContain("their-secret", content, StringComparison.Ordinal);
        Assert.DoesNotContain("dead0000", content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("viewing as ci", await page.Locator("#self").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_one_document_from_the_node_with_a_policy_that_allows_only_its_own_script_and_style()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'self'; script-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", body, StringComparison.Ordinal);
        // Its one link is the empty icon, which spares the browser asking for /favicon.ico.
        Assert.Equal(["href=\"data:,\""], System.Text.RegularExpressions.Regex.Matches(body, "href=\"[^\"]*\"").Select(m => m.Value));

        // The policy's hashes are those of the page's own inline script and stylesheet, exactly.
        var script = Between(body, "<script>", "</script>");
        var style = Between(body, "<style>", "</style>");
        Assert.Contains($"script-src '{Sha256(script)}'", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src '{Sha256(style)}'", policy, StringComparison.Ordinal);

        foreach (var path in new[] { "/dashboard/dashboard.js", "/dashboard/dashboard.css", "/dashboard/secrets.txt" })
        {
            using var missing = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
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

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Sha256(string text) =>
        "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    // The data of the next server-sent event of type <paramref name="type"/> that <paramref name="wanted"/> accepts.
    private static async Task<string> NextEventAsync(StreamReader events, string type, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        string? line;
        var current = "";
        while ((line = await events.ReadLineAsync(cancellationToken)) is not null)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && current == type && wanted(line))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException($"the stream ended before a '{type}' event came");
    }

    private Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private async Task<string> OpenAsync(string token, string client) =>
        (await Node.Arbiter.OpenSessionAsync(new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = client, TtlMs = 60_000 },
            Bearer(token))).SessionId;

    private async Task<string> ReserveAsync(string token, string session, uint cpu, ulong address, string label) =>
        (await Node.Arbiter.ReserveAsync(new ReserveRequest
        {
            SessionId = session,
            Host = "h1",
            Scope = new Scope { Cpu = new CpuTarget { Cpu = cpu } },
            Breakpoint = new Breakpoint { Address = address, Length = 8, Access = Access.Write },
            Pinned = true,
            Label = label,
        }, Bearer(token))).Reservation.Id;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Node.WebAddress };
}
