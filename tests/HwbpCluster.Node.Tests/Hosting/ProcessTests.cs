using Grpc.Net.Client;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.Health.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>The real hwbp-node executable, started as a process (<see cref="NodeProcess"/>); every wait is bounded.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_executable_starts_a_simulated_node_that_answers_health()
    {
        await using var node = NodeProcess.Start(["--backend", "sim", "--cpus", "4", "--urls", "http://127.0.0.1:0"]);
        using var cts = new CancellationTokenSource(Bound);
        var banner = await node.BannerAsync(cts.Token);
        Assert.Contains("hosts h1 (sim, x86-64, 4 cpus)", banner, StringComparison.Ordinal);

        using var channel = GrpcChannel.ForAddress(NodeProcess.AddressOf(banner));
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Bound);
        Assert.Equal(ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task With_its_own_log_levels_the_node_prints_one_banner_line_naming_the_next_command_and_no_start_up_lines()
    {
        // No log level from the test: the node's appsettings.json decides, as for a user.
        await using var node = NodeProcess.Start(["--cpus", "2", "--urls", "http://127.0.0.1:0"], logLevel: null);
        using var cts = new CancellationTokenSource(Bound);
        var banner = await node.BannerAsync(cts.Token);
        var address = NodeProcess.AddressOf(banner).ToString().TrimEnd('/');

        // A call, so anything the node logs on its first request would show too.
        using var channel = GrpcChannel.ForAddress(address);
        await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Bound);
        await node.DisposeAsync();

        Assert.EndsWith($"(no tokens, loopback only); next: hwbp --node {address} host", banner, StringComparison.Ordinal);
        Assert.Equal([banner], node.Output);
        Assert.Empty(node.Error);
    }

    [Fact]
    public async Task With_verbose_the_asp_net_start_up_lines_come_back_and_none_says_it_overrides_the_addresses()
    {
        await using var node = NodeProcess.Start(["--cpus", "2", "--urls", "http://127.0.0.1:0", "--verbose"], logLevel: null);
        using var cts = new CancellationTokenSource(Bound);
        await node.BannerAsync(cts.Token);

        // The console logger writes from a queue of its own, so the lifetime's last line may come after the banner; and
        // disposing kills the node. Wait (bounded) for that line, which comes after any address override would.
        while (!Said(node, "Application started") && !cts.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        await node.DisposeAsync();

        var all = string.Join('\n', node.Output.Concat(node.Error));
        Assert.Contains("Now listening on: http://127.0.0.1:", all, StringComparison.Ordinal);
        Assert.Contains("Application started", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Overriding address(es)", all, StringComparison.Ordinal);
        Assert.Single(node.Output, line => line.StartsWith(NodeProcess.BannerPrefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--auth-tokens-file", "--urls", "http://0.0.0.0:0")]
    [InlineData("--arch", "--arch", "sparc", "--urls", "http://127.0.0.1:0")]
    public async Task A_configuration_the_node_refuses_exits_non_zero_saying_why(string says, params string[] args)
    {
        await using var node = NodeProcess.Start(args);
        using var cts = new CancellationTokenSource(Bound);
        await node.WaitForExitAsync(cts.Token);
        Assert.Equal(2, node.ExitCode);
        Assert.Contains(says, string.Join('\n', node.Error), StringComparison.Ordinal);
    }

    private static bool Said(NodeProcess node, string text) =>
        node.Output.Concat(node.Error).Any(line => line.Contains(text, StringComparison.Ordinal));
}
