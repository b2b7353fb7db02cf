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
    [InlineData("fleet", "watch", "--addr", "0x1000", "--cpu", "1")]
    [InlineData("fleet")]
    [InlineData("reserve", "--addr", "0x1000", "--cpu", "1")]
    [InlineData("reserve", "--session", "s", "--tid", "42")]
    [InlineData("reserve", "--session", "s", "--tid", "42", "--addr", "0x1000", "--symbol", "counter")]
    [InlineData("watch", "--tid", "42", "--symbol", "counter", "--addr", "0x1000")]
    [InlineData("modify", "--session", "s", "--id", "h1/1", "--symbol", "counter")]
    [InlineData("modify", "--session", "s", "--addr", "0x1000")]
    [InlineData("guest", "enter", "--session", "s", "--cpu", "1", "--breakpoint", "0x10/x/w")]
    [InlineData("top", "--fleet", "--host", "h1")]
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
    public async Task A_node_that_cannot_be_reached_exits_3()
    {
        var output = new SyncWriter();
        var error = new SyncWriter();

        var code = await CliApp.InvokeAsync(["health", "--node", "http://127.0.0.1:1"], output, error);

        Assert.Equal(3, code);
        Assert.StartsWith("hwbp: no node could be reached: UNAVAILABLE: ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reserv", "unknown command 'reserv'; did you mean 'reserve'?", "hwbp --help")]
    [InlineData("sesions", "unknown command 'sesions'; did you mean 'sessions'?", "hwbp --help")]
    [InlineData("sim spwan", "unknown command 'spwan' for 'hwbp sim'; did you mean 'spawn'?", "hwbp sim --help")]
    [InlineData("watch --adr 0x1000 --cpu 1", "unknown option '--adr' for 'hwbp watch'; did you mean '--addr'?", "hwbp watch --help")]
    [InlineData("list --hots h1", "unknown option '--hots' for 'hwbp list'; did you mean '--host'?", "hwbp list --help")]
    [InlineData("fleet reserve --session s --addr 1 --cpu 1 --hostz h1", "did you mean '--hosts'?", "hwbp fleet reserve --help")]
    [InlineData("xyzzy --help", "unknown command 'xyzzy'", "hwbp --help")]
    public async Task An_unknown_command_or_option_exits_2_naming_it_and_the_nearest_and_points_to_its_help(
        string commandLine, string message, string help)
    {
        var run = await CliRun.RunAsync(node, commandLine.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 2, run.ToString());
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.Equal($"Run '{help}' for usage.", lines[1]);
    }

    [Fact]
    public async Task A_usage_error_in_a_subcommand_points_to_that_subcommands_help()
    {
        var run = await CliRun.RunAsync(node, "watch", "--addr", "0x1000");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Run 'hwbp watch --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reserve", "Reserve a breakpoint for a session")]
    [InlineData("fleet reserve", "Reserve on every selected host")]
    [InlineData("sim spawn", "Create a task")]
    public async Task A_subcommands_help_prints_that_subcommands_help_and_exits_0(string command, string description)
    {
        var run = await CliRun.RunAsync(node, [.. command.Split(' '), "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(description, run.Output, StringComparison.Ordinal);
        Assert.Contains($" {command} [options]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_the_commands()
    {
        var run = await CliRun.RunAsync(node, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var command in new[] { "reserve", "modify", "release", "list", "host", "members", "watch", "sessions", "fleet", "top", "guest", "sim" })
        {
            Assert.Contains(command, run.Output, StringComparison.Ordinal);
        }
    }
}
