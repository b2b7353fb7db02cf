using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>A two-node cluster in this process: n1 (host h1, its own seed) and n2 (host h2), both seeing both Up.</summary>
internal static class TwoNodes
{
    /// <summary>Starts n1 with <paramref name="n1Args"/> and n2 with <paramref name="n2Args"/> added, and waits until they form one cluster.</summary>
    public static async Task<List<NodeServer>> StartAsync(string[] n1Args, string[] n2Args)
    {
        var first = $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
        var nodes = new List<NodeServer>
        {
            await NodeServer.StartAsync(["--urls", first, "--node-name", "n1", "--host-name", "h1", "--seeds", first, .. n1Args]),
        };
        nodes.Add(await NodeServer.StartAsync(["--node-name", "n2", "--host-name", "h2", "--seeds", first, .. n2Args]));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Both views: each node learns of the other's Up (and reachability) in its own time.
        while (!await BothSeeBothUpAsync(nodes))
        {
            Assert.True(DateTime.UtcNow < deadline, "the two nodes did not form one cluster within 30 s");
            await Task.Delay(100);
        }

        return nodes;
    }

    private static async Task<bool> BothSeeBothUpAsync(List<NodeServer> nodes)
    {
        foreach (var node in nodes)
        {
            var members = await node.Client().CallAsync(Api.ListMembers, new ListMembersRequest());
            if (members.Members.Count(m => m.Status == MemberStatus.Up && m.Reachable) < 2)
            {
                return false;
            }
        }

        return true;
    }
}
