using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.Health.V1;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>--web-urls: gRPC-Web and Prometheus /metrics over HTTP/1.1 on an endpoint of their own.</summary>
public sealed class WebEndpointTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private Uri web = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync("--web-urls", "http://127.0.0.1:0");

        // Kestrel binds the configured endpoints in key order: grpc0 (the node's Address), then web0.
        var addresses = server.App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        web = new Uri(addresses.Single(a => new Uri(a) != server.Address));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_grpc_web_call_over_http_1_1_is_answered()
    {
        using var http = new HttpClient();
        var message = new HealthCheckRequest { Service = "hwbp.v1.Arbiter" }.ToByteArray();
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(web, "/grpc.health.v1.Health/Check"))
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web+proto");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.StartsWith("application/grpc-web", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1));
        var reply = HealthCheckResponse.Parser.ParseFrom(body, 5, length);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        var trailers = System.Text.Encoding.ASCII.GetString(body, 5 + length, body.Length - 5 - length);
        Assert.Matches(@"grpc-status:\s*0\r\n", trailers);
    }

    [Fact]
    public async Task Metrics_are_scraped_from_the_web_endpoint_in_prometheus_text()
    {
        await server.Client().OpenAsync();
        using var http = new HttpClient();

        var text = await http.GetStringAsync(new Uri(web, "/metrics"));

        Assert.Contains("hwbp_node_sessions_opened", text, StringComparison.Ordinal);
        Assert.Contains("hwbp_node_rpc_duration", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_not_served_on_the_grpc_endpoint()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/metrics"))
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void A_web_endpoint_off_loopback_needs_a_tokens_file()
    {
        var ex = Assert.Throws<NodeStartupException>(
            () => NodeApp.Build(["--urls", "http://127.0.0.1:0", "--web-urls", "http://0.0.0.0:0"]));
        Assert.Contains("0.0.0.0", ex.Message, StringComparison.Ordinal);
    }
}
