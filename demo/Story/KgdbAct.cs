using System.Diagnostics;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>kgdb takes a wide breakpoint (a slot on every CPU): on a full CPU it suspends perf's newest pinned one, which resumes after.</summary>
internal sealed class KgdbAct : IAct
{
    private const string Host = "alpha-0";
    private const uint FullCpu = 3;

    public string Step => "kgdb";

    public string Title => $"kgdb preempts perf, and perf comes back (cpu {FullCpu} of {Host})";

    public async Task<string> RunAsync(StoryContext story)
    {
        var client = story.Client(0);
        var ct = story.Cancellation;
        var first = story.UserAddress(0x5577_0000_0000);
        await using var perf = await client.OpenSessionAsync("perf record", ClientKind.Perf, TimeSpan.FromSeconds(5), ct);
        await using var changes = Feed<ReservationEvent>.Start(await perf.StartWatchReservationsAsync(ct), Describe.Change, story.Writer);
        var pinned = new List<Reservation>();
        for (var i = 0u; i < 4; i++)
        {
            pinned.Add(await perf.ReserveAsync(Scopes.Cpu(FullCpu), new Breakpoint { Address = first + (i * 0x40), Length = 8, Access = Access.Write }, Host, ct));
        }

        story.Writer.Say($"perf pins {string.Join(", ", pinned.Select(r => r.Id))} on cpu {FullCpu}: its 4 slots are full");

        await using var kgdb = await client.OpenSessionAsync("kgdb", ClientKind.Kgdb, TimeSpan.FromSeconds(5), ct);
        var kernel = 0xffff_ffff_8100_0000UL + ((ulong)story.Random.Next(0x1000) * 8);
        var wide = await kgdb.ReserveAsync(Scopes.AllCpus(), new Breakpoint { Address = kernel, Length = 8, Access = Access.Write }, Host, ct);
        StepFailedException.Expect(wide.State == ReservationState.Active, $"kgdb's {wide.Id} is {Describe.State(wide.State)}, not active");
        story.Writer.Say($"kgdb: break on write 0x{kernel:x} on every cpu: {wide.Id} {Describe.State(wide.State)}");

        var victim = await changes.WaitForAsync(e => e.Reason == "preempted-by kgdb", TimeSpan.FromSeconds(10), "perf preempted by kgdb", ct);
        StepFailedException.Expect(victim.Reservation.Id == pinned[^1].Id, $"kgdb suspended {victim.Reservation.Id}, not perf's newest {pinned[^1].Id}");
        var host = await client.GetHostAsync(Host, ct);
        var cpu = host.Cpus.Single(c => c.Cpu == FullCpu);
        StepFailedException.Expect(cpu.Slots.Any(s => s.ReservationId == wide.Id), $"kgdb's {wide.Id} is not armed on cpu {FullCpu}: {Describe.Slots(cpu)}");
        story.Writer.Say($"cpu {FullCpu}: {Describe.Slots(cpu)}; DR7 0x{cpu.Dr7:x}");

        var released = Stopwatch.StartNew();
        await kgdb.CloseAsync(ct);
        var resumed = await changes.WaitForAsync(e => e.Reason == "resumed" && e.Reservation.Id == victim.Reservation.Id,
            TimeSpan.FromSeconds(10), $"{victim.Reservation.Id} resumed after kgdb left", ct);
        var after = released.Elapsed;
        StepFailedException.Expect(resumed.Reservation.State == ReservationState.Active, $"{resumed.Reservation.Id} resumed as {Describe.State(resumed.Reservation.State)}");
        var listed = await perf.ListReservationsAsync(ct);
        StepFailedException.Expect(listed.Count == 4 && listed.All(r => r.State == ReservationState.Active),
            $"after kgdb left, perf's reservations are {string.Join(", ", listed.Select(r => $"{r.Id} {Describe.State(r.State)}"))}");

        story.Figures.Add(("kgdb released -> perf resumed", Describe.Ms(after)));
        return $"kgdb: suspended perf's {victim.Reservation.Id} for its wide breakpoint; {Describe.Ms(after)} after kgdb left it was active again";
    }
}
