using System.Net.Security;
using System.Net.Sockets;
using HwbpCluster.Cluster.Tests.Support;

namespace HwbpCluster.Cluster.Tests;

/// <summary>Cluster traffic over mutual TLS: certificates from the cluster's CA are admitted, any other (or none) is not.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TlsTests : IDisposable
{
    private readonly TestAuthority ca = new("hwbp cluster test CA");
    private readonly TestAuthority stranger = new("hwbp stranger CA");

    public void Dispose()
    {
        ca.Dispose();
        stranger.Dispose();
    }

    [Fact]
    public async Task Nodes_with_certificates_from_the_cluster_CA_form_a_cluster_and_forward_host_calls_over_TLS()
    {
        await using var cluster = await TestCluster.StartAsync(2, WithCertificateFrom(ca));

        Assert.All(cluster.Nodes, n => Assert.StartsWith("akka.ssl.tcp://", n.Cluster.ClusterAddress, StringComparison.Ordinal));
        var id = await cluster[0].OpenSessionAsync(TimeSpan.FromSeconds(30));
        var view = await cluster[0].Resolve("h2").ReserveAsync(id, Reserve.OnCpu(1));
        Assert.Equal("h2", view.Host);
        Assert.Single(await cluster[1].Host.ListReservationsAsync(id));
    }

    [Fact]
    public async Task A_node_whose_certificate_another_CA_issued_is_not_admitted_and_the_member_logs_the_refusal()
    {
        var logs = new LogRecorder();
        await using var cluster = new TestCluster();
        cluster.Add("n1", "h1", WithCertificateFrom(ca), logs);
        await cluster.WaitAsync(() => cluster[0].Cluster.Members().Any(m => m.Status == "Up"), "n1 Up");

        // The outsider trusts the cluster's CA, so only the member's check of the outsider's certificate can keep it out.
        var outsider = cluster.Add("n2", "h2", o => o with { Tls = new ClusterTls(stranger.Issue("n2"), ca.Certificate) });

        await cluster.WaitAsync(() => logs.Entries.Any(e => e.Message.Contains("refused a TLS connection", StringComparison.Ordinal)),
            "the member's refusal in its log", TimeSpan.FromSeconds(20));
        var refusal = logs.Entries.First(e => e.Message.Contains("refused a TLS connection", StringComparison.Ordinal));
        Assert.Contains("CN=n2", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("does not chain to the cluster CA 'CN=hwbp cluster test CA'", refusal.Message, StringComparison.Ordinal);

        // Past the joiner's seed-node timeout (5 s), so it has asked again and again been refused.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(["n1"], cluster[0].Cluster.Members().Select(m => m.Node));
        Assert.False(outsider.Cluster.WhenUpAsync().IsCompleted);
    }

    [Fact]
    public async Task A_node_without_TLS_cannot_join_and_a_TLS_client_without_a_certificate_is_cut_off()
    {
        await using var cluster = await TestCluster.StartAsync(1, WithCertificateFrom(ca));
        var plain = cluster.Add("n2", "h2");

        var port = cluster[0].Cluster.Port;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        var cutOff = await IsCutOffAsync(tls);

        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.True(cutOff, "the member kept a TLS connection whose client presented no certificate");
        Assert.Equal(["n1"], cluster[0].Cluster.Members().Select(m => m.Node));
        Assert.False(plain.Cluster.WhenUpAsync().IsCompleted);
    }

    private static Func<ClusterNodeOptions, ClusterNodeOptions> WithCertificateFrom(TestAuthority authority) =>
        o => o with { Tls = new ClusterTls(authority.Issue(o.NodeName), authority.Certificate) };

    // The server asks for a client certificate; without one it fails the handshake or (TLS 1.3) closes right after it. A
    // server that kept the connection would wait for the client's first Akka frame, so the read would time out instead.
    private static async Task<bool> IsCutOffAsync(SslStream tls)
    {
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "n1" });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await tls.ReadAsync(new byte[16], timeout.Token) == 0;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
