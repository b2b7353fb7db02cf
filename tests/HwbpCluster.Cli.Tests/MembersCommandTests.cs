using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Cli.Tests;

/// <summary><c>hwbp members</c> on a node that is a one-member cluster: each member's cluster address is shown.</summary>
public sealed class MembersCommandTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
        node = await TestNode.StartAsync("--urls", url, "--seeds", url);
        var client = node.Connect();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.ListMembersAsync()).Members.All(m => m.ClusterAddress.Length == 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "the node did not become a cluster member within 30 s");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Members_shows_each_members_cluster_address_in_the_table_and_in_json()
    {
        var expected = (await node.Connect().ListMembersAsync()).Members.Single().ClusterAddress;

        var table = await CliRun.RunAsync(node, "members");
        var json = await CliRun.RunAsync(node, "members", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("akka.tcp://", expected, StringComparison.Ordinal);
        Assert.Contains(expected, table.Output, StringComparison.Ordinal);
        var member = JsonDocument.Parse(json.Output).RootElement.GetProperty("members")[0];
        Assert.Equal(expected, member.GetProperty("clusterAddress").GetString());
    }
}
