using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Cli.Tests;

/// <summary>The CLI reaches a TLS node with --ca, and a mutual-TLS node with --cert and --key.</summary>
public sealed class TlsCommandTests : IDisposable
{
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [Fact]
    public async Task Health_over_mutual_tls_with_the_ca_and_a_client_certificate()
    {
        await using var node = await TestNode.StartAsync(
            "--urls", "https://127.0.0.1:0", "--tls-cert", certificates.ServerCertPath, "--tls-key", certificates.ServerKeyPath,
            "--tls-client-ca", certificates.CaPath);

        var run = await CliRun.RunAsync(node, "health", "--ca", certificates.CaPath, "--cert", certificates.ClientCertPath, "--key", certificates.ClientKeyPath);
        Assert.True(run.ExitCode == 0, run.ToString());

        // Without the client certificate the node refuses the connection: no node could be reached.
        var refused = await CliRun.RunAsync(node, "health", "--ca", certificates.CaPath);
        Assert.True(refused.ExitCode is 1 or 3, refused.ToString());
    }

    [Theory]
    [InlineData("--ca", "/no/such/ca.pem")]
    [InlineData("--cert", "/no/such/cert.pem")]
    public async Task A_tls_file_that_cannot_be_used_is_a_usage_error(string option, string path)
    {
        await using var node = await TestNode.StartAsync();

        var run = await CliRun.RunAsync(node, "health", option, path);

        Assert.True(run.ExitCode == 2, run.ToString());
    }
}
