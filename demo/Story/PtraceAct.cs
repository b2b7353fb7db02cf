using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>gdb's watchpoints: a ptrace session watches a task's memory on every CPU it runs on; the simulated task's accesses hit.</summary>
internal sealed class PtraceAct : IAct
{
    private const string Host = "alpha-0";

    public string Step => "ptrace";

    public string Title => $"gdb watches a task (ptrace, on {Host} through n1)";

    public async Task<string> RunAsync(StoryContext story)
    {
        var client = story.Client(0);
        var ct = story.Cancellation;
        var tid = story.Tid();
        var counter = story.UserAddress(0x5555_0000_0000);
        var flag = counter + 0x1000;
        await client.SpawnTaskAsync(tid, "app", Host, ct);
        await client.RunTaskAsync(tid, 0, Host, ct);
        story.Writer.Say($"task {tid} 'app' runs on cpu 0 of {Host}");

        await using var gdb = await client.OpenSessionAsync("gdb", ClientKind.Ptrace, TimeSpan.FromSeconds(5), ct);
        var watchCounter = await gdb.ReserveAsync(Scopes.Task(tid), new Breakpoint { Address = counter, Length = 8, Access = Access.Write }, Host, ct);
        var watchFlag = await gdb.ReserveAsync(Scopes.Task(tid), new Breakpoint { Address = flag, Length = 4, Access = Access.ReadWrite }, Host, ct);
        foreach (var watch in new[] { watchCounter, watchFlag })
        {
            StepFailedException.Expect(watch.State == ReservationState.Active, $"{watch.Id} is {Describe.State(watch.State)}, not active");
            story.Writer.Say($"(gdb) watch: {watch.Id} {Describe.Watch(watch.Breakpoint)} on task {tid}, {Describe.State(watch.State)}");
        }

        await using var hits = Feed<HitEvent>.Start(await gdb.StartWatchHitsAsync(cancellationToken: ct), Describe.Hit, story.Writer);

        // The task writes its counter, reads its flag, touches memory nobody watches, then moves to CPU 2 and writes again:
        // a task-wide watch follows the task.
        var accesses = new List<(uint Cpu, ulong Address, uint Length, Access Access)> { (0, counter, 8, Access.Write) };
        for (var i = story.Random.Next(2, 5); i > 0; i--)
        {
            accesses.Add(story.Random.Next(3) switch
            {
                0 => (0, counter + 4, 4, Access.Write),
                1 => (0, flag, 4, Access.Read),
                _ => (0, counter + 0x80, 8, Access.Write),
            });
        }

        accesses.Add((2, counter, 8, Access.Write));
        var expected = 0;
        var cpu = 0u;
        foreach (var access in accesses)
        {
            if (access.Cpu != cpu)
            {
                await client.RunTaskAsync(0, cpu, Host, ct);
                await client.RunTaskAsync(tid, access.Cpu, Host, ct);
                cpu = access.Cpu;
                story.Writer.Say($"context switch: task {tid} now runs on cpu {cpu}");
            }

            var caused = await client.AccessAsync(tid, access.Address, access.Length, access.Access, ip: 0x40_1000, host: Host, cancellationToken: ct);
            story.Writer.Say($"task {tid} {Describe.Access(access.Access)}s {access.Length} bytes at 0x{access.Address:x}: {caused.Count} hit(s)");
            expected += caused.Count;
        }

        StepFailedException.Expect(expected >= 2, $"the accesses caused {expected} hits; the watched ones should have hit");
        var streamed = await hits.WaitForAsync(_ => true, expected, TimeSpan.FromSeconds(10), $"{expected} hits on gdb's watch", ct);
        StepFailedException.Expect(streamed.Any(h => h.Cpu == 2 && h.ReservationId == watchCounter.Id),
            "no hit came from cpu 2 after the task moved there");
        var released = await gdb.CloseAsync(ct);
        StepFailedException.Expect(released == 2, $"closing gdb's session released {released} watches, not 2");
        story.Figures.Add(("gdb hits streamed", $"{streamed.Count}"));
        return $"ptrace: 2 watches on task {tid}, {streamed.Count} hits streamed (cpu 0 and, after a context switch, cpu 2); closing released both";
    }
}
