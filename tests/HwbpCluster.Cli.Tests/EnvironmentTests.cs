using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Cli.Tests;

public sealed class EnvironmentTests : IAsyncLifetime
{
    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"hwbp-cli-tokens-{Guid.NewGuid():N}.json");
    private TestNode node = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokensFile, """{"tokens": [{"token": "admin-secret", "name": "root", "admin": true}]}""");
        node = await TestNode.StartAsync("--auth-tokens-file", tokensFile);
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        File.Delete(tokensFile);
    }

    [Fact]
    public async Task Hwbp_node_and_hwbp_token_stand_in_for_the_options()
    {
        var environment = new Dictionary<string, string> { ["HWBP_NODE"] = node.Address.ToString(), ["HWBP_TOKEN"] = "admin-secret" };

        var run = await CliRun.RunAsync(node.Clock, environment, CancellationToken.None, "list");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Hwbp_node_may_list_several_nodes_and_the_first_that_answers_is_called()
    {
        var environment = new Dictionary<string, string>
        {
            ["HWBP_NODE"] = $"http://127.0.0.1:1,{node.Address}", ["HWBP_TOKEN"] = "admin-secret",
        };

        var run = await CliRun.RunAsync(node.Clock, environment, CancellationToken.None, "members");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task The_node_option_may_list_several_nodes()
    {
        var nodes = $"http://127.0.0.1:1, {node.Address}";

        var run = await CliRun.RunAsync(node.Clock, new Dictionary<string, string>(), CancellationToken.None, "members", "--node", nodes, "--token", "admin-secret");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_node_list_with_one_bad_address_is_a_usage_error()
    {
        var run = await CliRun.RunAsync(
            node.Clock, new Dictionary<string, string>(), CancellationToken.None, "health", "--node", $"{node.Address},ftp://x");

        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public async Task Help_never_shows_the_token_from_the_environment()
    {
        var environment = new Dictionary<string, string> { ["HWBP_TOKEN"] = "admin-secret" };

        var run = await CliRun.RunAsync(node.Clock, environment, CancellationToken.None, "watch", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--token", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-secret", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_option_is_sent_as_the_bearer_token()
    {
        Assert.Equal(0, (await CliRun.RunAsync(node, "members", "--token", "admin-secret")).ExitCode);
    }

    [Fact]
    public async Task Without_a_token_a_guarded_call_exits_1_unauthenticated()
    {
        var run = await CliRun.RunAsync(node, "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("hwbp: UNAUTHENTICATED: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hwbp_node_that_is_not_an_address_is_a_usage_error()
    {
        var environment = new Dictionary<string, string> { ["HWBP_NODE"] = "not a url" };

        var run = await CliRun.RunAsync(node.Clock, environment, CancellationToken.None, "health");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("HWBP_NODE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_address_that_is_not_http_is_a_usage_error()
    {
        var run = await CliRun.RunAsync(node.Clock, new Dictionary<string, string>(), CancellationToken.None, "health", "--node", "ftp://x");

        Assert.True(run.ExitCode == 2, run.ToString());
    }
}
