using System.Diagnostics;
using Grpc.Core;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>A fifth watch on a task whose four slots are taken: refused at once without wait_ms, queued with it, served when room returns.</summary>
internal sealed class QueueAct : IAct
{
    private const string Host = "alpha-2";

    public string Step => "queue";

    public string Title => $"a request queued instead of refused ({Host})";

    public async Task<string> RunAsync(StoryContext story)
    {
        var client = story.Client(0);
        var ct = story.Cancellation;
        var tid = story.Tid();
        var first = story.UserAddress(0x5599_0000_0000);
        await client.SpawnTaskAsync(tid, "server", Host, ct);
        await using var gdb = await client.OpenSessionAsync("gdb", ClientKind.Ptrace, TimeSpan.FromSeconds(5), ct);
        await using var changes = Feed<ReservationEvent>.Start(await gdb.StartWatchReservationsAsync(ct), Describe.Change, story.Writer);
        Breakpoint Watch(uint i) => new() { Address = first + (i * 0x40), Length = 8, Access = Access.Write };
        var watches = new List<Reservation>();
        for (var i = 0u; i < 4; i++)
        {
            watches.Add(await gdb.ReserveAsync(Scopes.Task(tid), Watch(i), Host, ct));
        }

        story.Writer.Say($"gdb watches task {tid} 4 times ({string.Join(", ", watches.Select(w => w.Id))}): DR0-DR3 are all its");

        var fifth = new ReserveRequest { Host = Host, Scope = Scopes.Task(tid), Breakpoint = Watch(4), Pinned = true };
        try
        {
            var granted = await gdb.ReserveAsync(fifth, ct);
            throw new StepFailedException($"a fifth watch on task {tid} was granted ({granted.Id}) with 4 slots taken");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            story.Writer.Say($"a fifth watch, wait_ms 0: refused at once, RESOURCE_EXHAUSTED: {ex.Status.Detail}");
        }

        fifth.WaitMs = 10_000;
        var pending = gdb.ReserveAsync(fifth, ct);
        var queued = await changes.WaitForAsync(e => e.Reason == "queued", TimeSpan.FromSeconds(10), "the fifth watch queued", ct);
        StepFailedException.Expect(!pending.IsCompleted, "the queued Reserve answered before any room returned");
        story.Writer.Say($"the same with wait_ms 10000: {queued.Reservation.Id} queued, the call waits");

        var freed = Stopwatch.StartNew();
        await gdb.ReleaseAsync(watches[0].Id, ct);
        story.Writer.Say($"gdb deletes {watches[0].Id}");
        var served = await pending.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var waited = freed.Elapsed;
        StepFailedException.Expect(served.Id == queued.Reservation.Id && served.State == ReservationState.Active,
            $"the queued request came back as {served.Id} {Describe.State(served.State)}, not {queued.Reservation.Id} active");
        story.Writer.Say($"the waiting Reserve returns {served.Id} {Describe.State(served.State)}, {Describe.Ms(waited)} after the release");

        story.Figures.Add(("released -> queued watch granted", Describe.Ms(waited)));
        return $"queue: the fifth watch waited in line and was granted {Describe.Ms(waited)} after a slot came free";
    }
}
