using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

/// <summary>Seeds with tokens: a node asks them for their cluster address with --seed-token, and without it cannot join.</summary>
public sealed class SeedTokenTests : IAsyncLifetime
{
    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"hwbp-tokens-{Guid.NewGuid():N}.json");
    private readonly List<NodeServer> nodes = [];

    public Task InitializeAsync() => File.WriteAllTextAsync(tokensFile, """
        {"tokens": [{"token": "cluster-secret", "name": "cluster", "admin": true}]}
        """);

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        File.Delete(tokensFile);
    }

    [Fact]
    public async Task A_node_with_the_seed_token_joins_seeds_that_need_tokens_and_one_without_it_stays_out()
    {
        var first = $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
        string[] common = ["--auth-tokens-file", tokensFile, "--seeds", first];
        nodes.Add(await NodeServer.StartAsync(["--urls", first, "--node-name", "n1", "--host-name", "h1", .. common]));
        nodes.Add(await NodeServer.StartAsync(["--node-name", "n2", "--host-name", "h2", "--seed-token", "cluster-secret", .. common]));
        nodes.Add(await NodeServer.StartAsync(["--node-name", "n3", "--host-name", "h3", .. common]));

        var admin = nodes[0].Client("cluster-secret");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await Members(admin)).Contains("n2"))
        {
            Assert.True(DateTime.UtcNow < deadline, "n2 did not join within 30 s with the seed token");
            await Task.Delay(100);
        }

        // n3 keeps asking the seed (once a second) and is refused each time.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain("n3", await Members(admin));
    }

    private static async Task<IReadOnlyList<string>> Members(NodeClient client) =>
        [.. (await client.CallAsync(Api.ListMembers, new ListMembersRequest())).Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Node)];
}
