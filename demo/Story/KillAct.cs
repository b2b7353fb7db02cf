using System.Diagnostics;
using Grpc.Core;
using HwbpCluster.Demo.Cluster;

namespace HwbpCluster.Demo.Story;

/// <summary>n3 is killed with -9: the others see it unreachable, and the leases of its session on their hosts end without it.</summary>
internal sealed class KillAct : IAct
{
    private const int Victim = 2;

    public string Step => "kill -9";

    public string Title => "kill -9 n3: its leases end on the survivors";

    public async Task<string> RunAsync(StoryContext story)
    {
        var ct = story.Cancellation;
        var session = story.FleetSession ?? throw new StepFailedException("the fleet act left no session on n3");
        var n1 = story.Client(0);
        var held = await HeldAsync(story, session.Id, ct);
        StepFailedException.Expect(held.Count == story.FleetHosts.Count,
            $"n1 sees {held.Count} reservations of n3's session {session.Id}, not {story.FleetHosts.Count}");
        var ttl = session.Ttl;
        story.Writer.Say($"n3's session {session.Id} (lease {Describe.Ms(ttl)}) holds {held.Count} reservations on n1's and n2's hosts");

        var pid = story.Cluster.Pid(Victim);
        var clock = Stopwatch.StartNew();
        story.Cluster.Kill(Victim);
        story.Writer.Say($"kill -9 {pid} (n3)");

        // Both clocks run from the kill, in parallel: the leases must not wait for the failure detector, nor it for them.
        var unreachable = LocalCluster.WaitForMembersAsync(n1, m => m.Any(x => x.Node == "n3" && !x.Reachable), TimeSpan.FromSeconds(15), ct);
        var released = ReleasedAsync(story, session.Id, clock, ct);
        var (seen, gone) = await story.Writer.WaitAsync("waiting for the survivors to notice", async () => (await Unreachable(unreachable), await released));
        story.Writer.Say($"n1 sees n3 unreachable after {Describe.Ms(seen)}");
        story.Writer.Say($"every lease of n3's session released on n1 and n2 after {Describe.Ms(gone)} (its lease: {Describe.Ms(ttl)})");
        StepFailedException.Expect(gone <= ttl + TimeSpan.FromSeconds(3), $"the leases took {Describe.Ms(gone)}, more than the lease {Describe.Ms(ttl)} + 1 s (+2 s slack)");

        try
        {
            await n1.GetHostAsync("gamma-0", ct);
            throw new StepFailedException("n1 answered for gamma-0, a host of the dead n3");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && ex.Status.Detail.Contains("n3", StringComparison.Ordinal))
        {
            story.Writer.Say($"a call for gamma-0 through n1: UNAVAILABLE at once: {ex.Status.Detail}");
        }

        story.Figures.Add(("kill -9 -> n3 unreachable", Describe.Ms(seen)));
        story.Figures.Add(("kill -9 -> n3's leases released", Describe.Ms(gone)));
        return $"kill -9: n3 unreachable after {Describe.Ms(seen)}, its {held.Count} leases on the survivors released after {Describe.Ms(gone)}";
    }

    private static async Task<TimeSpan> Unreachable(Task<TimeSpan> waiting)
    {
        try
        {
            return await waiting;
        }
        catch (TimeoutException ex)
        {
            throw new StepFailedException($"n1 still sees n3 reachable: {ex.Message}");
        }
    }

    private static async Task<TimeSpan> ReleasedAsync(StoryContext story, string session, Stopwatch clock, CancellationToken ct)
    {
        while ((await HeldAsync(story, session, ct)).Count > 0)
        {
            StepFailedException.Expect(clock.Elapsed < TimeSpan.FromSeconds(15), "n3's leases still held 15 s after the kill");
            await Task.Delay(50, ct);
        }

        return clock.Elapsed;
    }

    // Host by host: a listing of every host would also ask the dead node's.
    private static async Task<IReadOnlyList<Protos.V1.Reservation>> HeldAsync(StoryContext story, string session, CancellationToken ct)
    {
        var held = new List<Protos.V1.Reservation>();
        foreach (var host in story.FleetHosts)
        {
            held.AddRange(await story.Client(0).ListReservationsAsync(host, session, ct));
        }

        return held;
    }
}
