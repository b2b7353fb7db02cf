using System.Diagnostics;
using Grpc.Core;
using HwbpCluster.Demo.Cluster;

namespace HwbpCluster.Demo.Story;

/// <summary>Runs the acts in order, each checked; a failed step ends the demo with exit code 1, naming the step.</summary>
internal static class DemoRun
{
    public const int Ok = 0;
    public const int Failed = 1;

    /// <summary>The story, in order; the kill act needs the fleet act's session.</summary>
    public static IReadOnlyList<IAct> Acts() =>
        [new ClusterAct(), new PtraceAct(), new PerfAct(), new KgdbAct(), new GuestAct(), new QueueAct(), new FleetAct(), new KillAct()];

    /// <summary>Runs <paramref name="acts"/> against <paramref name="story"/>; then, with <paramref name="keep"/>, restarts n3 and waits for Ctrl+C.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<IAct> acts, StoryContext story, int seed, bool keep, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(acts);
        ArgumentNullException.ThrowIfNull(story);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < acts.Count; i++)
        {
            var act = acts[i];
            story.Writer.Act(i + 1, act.Title);
            var reason = await TryAsync(act, story);
            if (reason is not null)
            {
                story.Writer.Failed(act.Step, reason);
                await error.WriteLineAsync($"hwbp-demo: step '{act.Step}' failed: {reason} (seed {seed}; rerun with --seed {seed})");
                return Failed;
            }
        }

        story.Writer.Act(acts.Count + 1, "summary");
        foreach (var (what, figure) in story.Figures)
        {
            story.Writer.Say($"{what,-36} {figure}");
        }

        story.Writer.Ok($"demo: all {acts.Count} steps did what they should in {clock.Elapsed.TotalSeconds:0.0} s (seed {seed})");
        return keep ? await KeepAsync(story) : Ok;
    }

    // The reason a step failed, or null when it did what it should.
    private static async Task<string?> TryAsync(IAct act, StoryContext story)
    {
        try
        {
            story.Writer.Ok(await act.RunAsync(story));
            return null;
        }
        catch (StepFailedException ex)
        {
            return ex.Message;
        }
        catch (RpcException ex) when (!story.Cancellation.IsCancellationRequested)
        {
            return $"the node answered {ex.StatusCode}: {ex.Status.Detail}";
        }
        catch (TimeoutException ex)
        {
            return $"timed out: {ex.Message}";
        }
        catch (InvalidOperationException ex) when (!story.Cancellation.IsCancellationRequested)
        {
            // E.g. a node that exited without a banner.
            return ex.Message;
        }
    }

    // --keep: n3 comes back (a new incarnation rejoins), then the addresses, then nothing until Ctrl+C.
    private static async Task<int> KeepAsync(StoryContext story)
    {
        var ct = story.Cancellation;
        try
        {
            // Host names are unique in the cluster: the new n3 may claim gamma-* only once the old one is removed (about 9 s).
            await story.Writer.WaitAsync("waiting for the cluster to remove the dead n3", () => LocalCluster.WaitForMembersAsync(
                story.Client(0), m => m.Count > 0 && m.All(x => x.Node != "n3"), TimeSpan.FromSeconds(30), ct));
            await story.Writer.WaitAsync("restarting n3", async () =>
            {
                await story.Cluster.RestartAsync(2, ct);
                return await LocalCluster.WaitForMembersAsync(story.Client(0),
                    m => m.Count(x => x.Status == Protos.V1.MemberStatus.Up && x.Reachable) == 3, TimeSpan.FromSeconds(60), ct);
            });
            foreach (var plan in story.Cluster.Plans)
            {
                story.Writer.Say($"{plan.Name} {plan.Address.ToString().TrimEnd('/')} (pid {story.Cluster.Pid(story.Cluster.Plans.ToList().IndexOf(plan))}), hosts {string.Join(",", plan.Hosts)}");
            }

            var n1 = story.Cluster.Plans[0].Address.ToString().TrimEnd('/');
            story.Writer.Say($"dashboard: {story.Cluster.Plans[0].Dashboard} (any node's /dashboard/ shows the whole cluster)");
            story.Writer.Say($"try: hwbp --node {n1} members");
            story.Writer.Say($"     hwbp --node {n1} top --fleet");
            story.Writer.Say("the cluster stays up until Ctrl+C");
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C: the nodes are stopped when the cluster is disposed.
        }
        catch (TimeoutException ex)
        {
            story.Writer.Failed("keep", $"n3 was not removed or did not rejoin: {ex.Message}");
            return Failed;
        }

        return Ok;
    }
}
