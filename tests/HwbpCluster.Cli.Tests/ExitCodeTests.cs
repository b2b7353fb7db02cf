using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Cli.Tests;

public sealed class ExitCodeTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("watch", "--cpu", "1")]
    [InlineData("watch", "--addr", "0x1000")]
    [InlineData("watch", "--addr", "0x1000", "--all-cpus", "--cpu", "1")]
    [InlineData("watch", "--addr", "banana", "--cpu", "1")]
    [InlineData("watch", "--addr", "0x1000", "--cpu", "1", "--access", "z")]
    [InlineData("watch", "--addr", "0x1000", "--cpu", "1", "--count", "0")]
    [InlineData("fleet-watch", "--addr", "0x1000", "--cpu", "1")]
    [InlineData("sim", "access", "--addr", "0x1000")]
    public async Task A_command_line_that_cannot_run_as_written_exits_2_without_calling_the_node(params string[] args)
    {
        var run = await CliRun.RunAsync(node, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("hwbp: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_rpc_error_exits_1_printing_the_status_code_and_detail()
    {
        var run = await CliRun.RunAsync(node, "sim", "exit", "--tid", "999");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("hwbp: NOT_FOUND: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("999", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_reservation_exits_1_with_the_nodes_status()
    {
        var run = await CliRun.RunAsync(node, "watch", "--kind", "ptrace", "--cpu", "1", "--addr", "0x1000");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("hwbp: PERMISSION_DENIED: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_exits_1_unavailable()
    {
        var output = new SyncWriter();
        var error = new SyncWriter();

        var code = await CliApp.InvokeAsync(["health", "--node", "http://127.0.0.1:1"], output, error);

        Assert.Equal(1, code);
        Assert.StartsWith("hwbp: UNAVAILABLE: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_the_commands()
    {
        var run = await CliRun.RunAsync(node, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("fleet-watch", run.Output, StringComparison.Ordinal);
    }
}
