using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using Microsoft.Extensions.Configuration;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>
/// <c>--cluster-tls-cert</c>, <c>--cluster-tls-key</c> and <c>--cluster-tls-ca</c>: cluster traffic over mutual TLS, the only way
/// it may listen beyond loopback. Certificates are made by the test.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string folder = Directory.CreateTempSubdirectory("hwbp-cluster-tls-").FullName;
    private readonly TestAuthority ca = new("hwbp node test CA");

    public void Dispose()
    {
        ca.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_non_loopback_cluster_address_is_refused_without_cluster_TLS_and_accepted_with_it()
    {
        var plain = Validate("--cluster-urls", "tcp://10.1.2.3:4053");
        Assert.Contains("--cluster-urls 'tcp://10.1.2.3:4053' is not loopback: without --cluster-tls-cert and --cluster-tls-ca", plain);

        Assert.Null(Validate(["--cluster-urls", "tcp://10.1.2.3:4053", .. TlsArgs("n1")]));
    }

    [Fact]
    public void Half_a_TLS_configuration_or_a_file_that_is_no_certificate_is_refused_naming_the_switch()
    {
        var (cert, key) = ca.WriteNode(folder, "n1");
        Assert.Contains("go together", Validate("--cluster-tls-cert", cert, "--cluster-tls-key", key), StringComparison.Ordinal);
        Assert.Contains("go together", Validate("--cluster-tls-ca", ca.WriteCa(folder)), StringComparison.Ordinal);

        // A certificate file without its key, and a key given as the CA.
        Assert.Contains($"--cluster-tls-cert '{cert}'", Validate("--cluster-tls-cert", cert, "--cluster-tls-ca", ca.WriteCa(folder)),
            StringComparison.Ordinal);
        Assert.Contains($"--cluster-tls-ca '{key}' is not a certificate", Validate("--cluster-tls-cert", cert, "--cluster-tls-key", key, "--cluster-tls-ca", key),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_loopback_cluster_address_without_cluster_TLS_stops_the_node_with_exit_2_and_one_line()
    {
        await using var node = NodeProcess.Start(
            ["--backend", "sim", "--urls", "http://127.0.0.1:0", "--seeds", "http://127.0.0.1:1", "--cluster-urls", "tcp://10.1.2.3:0"],
            logLevel: null);
        using var bound = new CancellationTokenSource(Bound);
        await node.WaitForExitAsync(bound.Token);

        var lines = node.Output.Concat(node.Error).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(2, node.ExitCode);
        Assert.True(lines.Count == 1, $"expected one line, got:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        Assert.StartsWith("hwbp-node: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("--cluster-tls-cert", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_given_PEM_files_from_one_CA_form_a_cluster_over_TLS_and_a_node_without_TLS_is_stopped_saying_why()
    {
        var first = $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
        await using var n1 = await NodeServer.StartAsync(["--urls", first, "--node-name", "n1", "--host-name", "h1", "--seeds", first, .. TlsArgs("n1")]);
        await using var n2 = await NodeServer.StartAsync(["--node-name", "n2", "--host-name", "h2", "--seeds", first, .. TlsArgs("n2")]);

        var members = await WaitForAsync(n1.Client(), m => m.Count(x => x.Status == MemberStatus.Up) == 2, "n1 and n2 Up");
        Assert.All(members, m => Assert.StartsWith("akka.ssl.tcp://hwbp@127.0.0.1:", m.ClusterAddress, StringComparison.Ordinal));

        // Without TLS it could never reach the seeds' TLS cluster addresses: rather than retry forever, it stops and says why.
        await using var plain = NodeProcess.Start(["--node-name", "n3", "--host-name", "h3", "--urls", "http://127.0.0.1:0", "--seeds", first]);
        using var bound = new CancellationTokenSource(Bound);
        await plain.WaitForExitAsync(bound.Token);
        Assert.Equal(2, plain.ExitCode);
        Assert.Contains(plain.Output, l => l.Contains("differ in TLS", StringComparison.Ordinal));
        Assert.Equal(2, (await n1.Client().CallAsync(Api.ListMembers, new ListMembersRequest())).Members.Count);
    }

    private string[] TlsArgs(string node)
    {
        var (cert, key) = ca.WriteNode(folder, node);
        return ["--cluster-tls-cert", cert, "--cluster-tls-key", key, "--cluster-tls-ca", ca.WriteCa(folder)];
    }

    // The validator's failure message, or null when the options are valid.
    private static string? Validate(params string[] args)
    {
        var options = new HwbpNodeOptions();
        new ConfigurationBuilder().AddCommandLine(args, NodeSwitches.Mappings).Build().GetSection(HwbpNodeOptions.SectionName).Bind(options);
        var result = new HwbpNodeOptionsValidator().Validate(null, options);
        return result.Succeeded ? null : result.FailureMessage;
    }

    private static async Task<IReadOnlyList<Member>> WaitForAsync(NodeClient client, Func<IReadOnlyList<Member>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var members = (await client.CallAsync(Api.ListMembers, new ListMembersRequest())).Members;
            if (condition(members))
            {
                return members;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
