using System.Net;
using System.Net.Sockets;
using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>
/// A node that cannot start as configured exits 2 with one line saying why, never an abort with a stack trace; and a node
/// without tokens never listens beyond loopback, whatever configured Kestrel (switches, Kestrel's own settings, environment).
/// </summary>
public sealed class StartupFailureTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task A_port_already_in_use_exits_2_with_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, output) = await RunAsync(NoEnvironment, "--backend", "sim", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        AssertOneLine(output, "address already in use");
    }

    [Fact]
    public async Task An_ipv4_mapped_ipv6_address_exits_2_naming_the_address_to_use()
    {
        var (code, output) = await RunAsync(NoEnvironment, "--backend", "sim", "--urls", "http://[::ffff:127.0.0.1]:0");

        Assert.Equal(2, code);
        AssertOneLine(output, "http://127.0.0.1");
    }

    [Fact]
    public async Task Kestrels_own_endpoint_switch_cannot_expose_a_node_without_tokens()
    {
        var (code, output) = await RunAsync(NoEnvironment, "--backend", "sim", "--urls", "http://127.0.0.1:0", "--Kestrel:Endpoints:E:Url=http://0.0.0.0:0");

        Assert.Equal(2, code);
        AssertOneLine(output, "http://0.0.0.0:0");
    }

    [Fact]
    public async Task Kestrels_endpoint_from_the_environment_cannot_expose_a_node_without_tokens()
    {
        var (code, output) = await RunAsync(
            new Dictionary<string, string> { ["Kestrel__Endpoints__E__Url"] = "http://0.0.0.0:0" },
            "--backend", "sim", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, code);
        AssertOneLine(output, "--auth-tokens-file");
    }

    [Fact]
    public async Task A_misspelt_switch_exits_2_naming_it_instead_of_being_ignored()
    {
        var (code, output) = await RunAsync(NoEnvironment, "--backend", "sim", "--urls", "http://127.0.0.1:0", "--auth-token-file", "/etc/t.json");

        Assert.Equal(2, code);
        AssertOneLine(output, "unknown switch '--auth-token-file'");
    }

    [Fact]
    public async Task Help_prints_every_switch_and_exits_0_without_starting()
    {
        var (code, output) = await RunAsync(NoEnvironment, "--help");

        Assert.Equal(0, code);
        Assert.StartsWith("usage: hwbp-node", output, StringComparison.Ordinal);
        Assert.Contains("--max-wait-ms", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith(NodeProcess.BannerPrefix, StringComparison.Ordinal));
    }

    private static void AssertOneLine(string output, string expected)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:{Environment.NewLine}{output}");
        Assert.StartsWith("hwbp-node: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    // Runs the built node, with its own default log levels, to its exit; returns its exit code and everything it printed.
    private static async Task<(int Code, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var node = NodeProcess.Start(args, logLevel: null, environment);
        using var cts = new CancellationTokenSource(Bound);
        await node.WaitForExitAsync(cts.Token);
        return (node.ExitCode, string.Join('\n', node.Output.Concat(node.Error)));
    }
}
