using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client.Tests;

public sealed class HwbpSessionEventTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync("--sim-hosts", "2", "--labels", "role=db");
        client = node.Connect();
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Watching_hits_yields_the_hits_that_simulated_accesses_cause()
    {
        await using var session = await client.OpenSessionAsync("watcher", ClientKind.Ptrace);
        await RunTaskAsync("h1-0", 100, 1);
        var reservation = await session.ReserveAsync(Scopes.Task(100), Sim.Write(0x1000), "h1-0");
        await using var hits = await session.StartWatchHitsAsync();

        await client.AccessAsync(Write("h1-0", 100, 0x1000));
        await client.AccessAsync(Write("h1-0", 100, 0x1004));

        var seen = await hits.Take(2).ToListAsync();
        Assert.All(seen, hit => Assert.Equal((reservation.Id, 1u, 100ul), (hit.ReservationId, hit.Cpu, hit.Tid)));
        Assert.Equal([0x1000ul, 0x1004ul], seen.Select(h => h.Address));
    }

    [Fact]
    public async Task A_hit_sequence_ends_when_its_session_closes()
    {
        var session = await client.OpenSessionAsync("ending", ClientKind.Perf);
        await RunTaskAsync("h1-1", 7, 0);
        await session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x2000), "h1-1");
        var watching = session.WatchHitsAsync().ToListAsync().AsTask();
        await using (var acknowledged = await session.StartWatchHitsAsync())
        {
            // A second, acknowledged watch proves the node serves watches before the session goes.
        }

        await session.DisposeAsync();

        Assert.Empty(await watching.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Watching_reservations_reports_a_release_with_its_reason()
    {
        await using var session = await client.OpenSessionAsync("events", ClientKind.Perf);
        await using var events = await session.StartWatchReservationsAsync();
        var reservation = await session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x1000), "h1-0");

        await session.ReleaseAsync(reservation.Id);

        var released = await events.FirstAsync(e => e.Reservation.State == ReservationState.Released);
        Assert.Equal(reservation.Id, released.Reservation.Id);
        Assert.NotEmpty(released.Reason);
    }

    [Fact]
    public async Task Fleet_reserve_by_label_reserves_on_every_host_and_fleet_release_frees_them()
    {
        await using var session = await client.OpenSessionAsync("fleet", ClientKind.Perf);
        var template = new ReserveRequest { Scope = Scopes.Cpu(0), Breakpoint = Sim.Write(0x1000), Pinned = true, Label = "f" };

        var reserved = await session.FleetReserveAsync(new HostSelector { Labels = { ["role"] = "db" } }, template);

        Assert.True(reserved.Committed);
        Assert.Equal(["h1-0", "h1-1"], reserved.Outcomes.Select(o => o.Host).Order());
        Assert.All(reserved.Outcomes, o => Assert.Equal(0, o.StatusCode));
        Assert.Equal(2u, await session.FleetReleaseAsync(label: "f"));
        Assert.Empty(await session.ListReservationsAsync());
    }

    [Fact]
    public async Task A_kvm_guest_suspends_the_hosts_reservations_on_its_cpu_until_it_exits()
    {
        await using var perf = await client.OpenSessionAsync("perf", ClientKind.Perf);
        await using var kvm = await client.OpenSessionAsync("vm", ClientKind.Kvm);
        var reservation = await perf.ReserveAsync(Scopes.Cpu(1), Sim.Write(0x1000), "h1-0");

        Assert.Equal([reservation.Id], await kvm.EnterGuestAsync("h1-0", 1, [Sim.Write(0x5000)]));
        Assert.Equal([reservation.Id], await kvm.ExitGuestAsync("h1-0", 1));
    }

    private async Task RunTaskAsync(string host, ulong tid, uint cpu)
    {
        await client.SpawnTaskAsync(new SpawnTaskRequest { Host = host, Tid = tid, Name = $"task{tid}" });
        await client.RunTaskAsync(new RunTaskRequest { Host = host, Tid = tid, Cpu = cpu });
    }

    private static AccessRequest Write(string host, ulong tid, ulong address) =>
        new() { Host = host, Tid = tid, Address = address, Length = 4, Access = Access.Write, Ip = 0x401000 };
}
