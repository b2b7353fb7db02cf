using System.Diagnostics;
using HwbpCluster.Demo.Cluster;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>Three hwbp-node processes start on loopback ports and form one cluster; every member lists its hosts and labels.</summary>
internal sealed class ClusterAct : IAct
{
    public string Step => "cluster";

    public string Title => "a cluster: three hwbp-node processes, nine simulated hosts";

    public async Task<string> RunAsync(StoryContext story)
    {
        var clock = Stopwatch.StartNew();
        foreach (var plan in story.Cluster.Plans)
        {
            story.Writer.Say($"start hwbp-node {string.Join(' ', plan.Args(story.Cluster.Plans.Take(2).ToList()))}");
        }

        await story.Writer.WaitAsync("nodes starting", async () =>
        {
            await story.Cluster.StartAsync(story.Cancellation);
            return true;
        });
        var listening = clock.Elapsed;
        // Formed as n3, which is asked below, sees it: every node Up and reachable with its hosts. Each node learns the
        // others' states by gossip, so n1 can see all three Up while n3 does not list one of them yet.
        await story.Writer.WaitAsync("forming the cluster", () => LocalCluster.WaitForMembersAsync(
            story.Client(2), members => story.Cluster.Plans.All(plan => members.Any(m => m.Node == plan.Name
                && m.Status == MemberStatus.Up && m.Reachable && m.Hosts.Order().SequenceEqual(plan.Hosts))),
            TimeSpan.FromSeconds(40), story.Cancellation));
        var up = clock.Elapsed;

        var members = await LocalCluster.MembersAsync(story.Client(2), story.Cancellation);
        foreach (var plan in story.Cluster.Plans)
        {
            var member = members.SingleOrDefault(m => m.Node == plan.Name);
            StepFailedException.Expect(member is not null, $"n3 does not list {plan.Name} as a member");
            StepFailedException.Expect(member!.Hosts.Order().SequenceEqual(plan.Hosts),
                $"{plan.Name} lists hosts {string.Join(",", member.Hosts)}, not {string.Join(",", plan.Hosts)}");
            var labels = string.Join(",", member.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
            story.Writer.Say($"{plan.Name} {plan.Address.ToString().TrimEnd('/')} pid {story.Cluster.Pid(story.Cluster.Plans.ToList().IndexOf(plan))}: " +
                $"hosts {string.Join(",", member.Hosts)} ({NodePlan.Cpus} cpus each), labels {labels}, {member.Status.ToString().ToUpperInvariant()}");
        }

        story.Figures.Add(("three nodes listening", Describe.Ms(listening)));
        story.Figures.Add(("cluster of three Up", Describe.Ms(up)));
        return $"cluster: 3 members Up after {Describe.Ms(up)} (listening after {Describe.Ms(listening)})";
    }
}
