using System.Net;
using Grpc.Core;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Client.Tests;

/// <summary>TLS on the node's gRPC endpoint (ALPN h2), and mutual TLS with client certificates, through the SDK.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [Fact]
    public async Task The_sdk_trusting_the_nodes_ca_calls_over_tls_and_alpn_chooses_h2()
    {
        await using var node = await StartAsync();
        Assert.Equal("https", node.Address.Scheme);
        await using var client = HwbpClient.Connect(node.Address, new HwbpClientOptions { TrustedCertificateAuthority = certificates.Ca });

        Assert.Equal("h1", (await client.GetHostAsync(new Protos.V1.GetHostRequest { Host = "h1" })).Host);

        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, "/grpc.health.v1.Health/Check"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower, // ALPN decides
        };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_nodes_ca_cannot_call()
    {
        await using var node = await StartAsync();
        await using var client = HwbpClient.Connect(node.Address);

        var ex = await AssertTlsRefusedAsync(() => client.GetHostAsync(new Protos.V1.GetHostRequest { Host = "h1" }));
        Assert.Contains("SSL", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_client_ca_the_node_requires_a_certificate_it_issued()
    {
        await using var node = await StartAsync("--tls-client-ca", certificates.CaPath);
        await using var anonymous = HwbpClient.Connect(node.Address, new HwbpClientOptions { TrustedCertificateAuthority = certificates.Ca });
        await using var known = HwbpClient.Connect(node.Address, new HwbpClientOptions
        {
            TrustedCertificateAuthority = certificates.Ca, ClientCertificate = certificates.Client,
        });

        await AssertTlsRefusedAsync(() => anonymous.GetHostAsync(new Protos.V1.GetHostRequest { Host = "h1" }));
        Assert.Equal("h1", (await known.GetHostAsync(new Protos.V1.GetHostRequest { Host = "h1" })).Host);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        using var stranger = new TestCertificates();
        await using var node = await StartAsync("--tls-client-ca", certificates.CaPath);
        await using var client = HwbpClient.Connect(node.Address, new HwbpClientOptions
        {
            TrustedCertificateAuthority = certificates.Ca, ClientCertificate = stranger.Client,
        });

        await AssertTlsRefusedAsync(() => client.GetHostAsync(new Protos.V1.GetHostRequest { Host = "h1" }));
    }

    [Fact]
    public async Task The_web_endpoint_serves_https_with_the_same_certificate()
    {
        await using var node = await StartAsync("--web-urls", "https://127.0.0.1:0");
        var web = node.App.Urls.Select(u => new Uri(u)).Single(u => u != node.Address);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is System.Security.Cryptography.X509Certificates.X509Certificate2 c && c.Thumbprint == certificates.Server.Thumbprint;
        using var http = new HttpClient(handler);

        using var response = await http.GetAsync(new Uri(web, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https", web.Scheme);
    }

    [Fact]
    public async Task An_https_address_without_a_certificate_is_refused_at_start()
    {
        var ex = await Assert.ThrowsAsync<Node.Hosting.NodeStartupException>(() => TestNode.StartAsync("--urls", "https://127.0.0.1:0"));
        Assert.Contains("--tls-cert", ex.Message, StringComparison.Ordinal);
    }

    // Grpc.Net.Client reports a failed handshake as INTERNAL or UNAVAILABLE: which side gave up first decides (with TLS 1.3 the
    // server refuses a client certificate after the client thinks the handshake is done, so the client sees the connection end).
    private static async Task<RpcException> AssertTlsRefusedAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode is StatusCode.Internal or StatusCode.Unavailable, ex.ToString());
        return ex;
    }

    private Task<TestNode> StartAsync(params string[] args) => TestNode.StartAsync(
        ["--urls", "https://127.0.0.1:0", "--tls-cert", certificates.ServerCertPath, "--tls-key", certificates.ServerKeyPath, .. args]);
}
