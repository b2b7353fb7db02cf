using System.Text.Json;
using HwbpCluster.Node.Dashboard;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Dashboard.Tests;

/// <summary>The model that turns reads of the cluster into snapshots and patches, without a node or a browser.</summary>
public sealed class DashboardModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_patch_carries_only_the_hosts_that_changed_and_says_what_changed_in_the_log()
    {
        var model = new DashboardModel("n1");
        model.Apply(Read(T0, Host("h1"), Host("h2")));

        var patch = Parse(model.Apply(Read(T0.AddSeconds(1), Host("h1", Held("h1/7", cpu: 1)), Host("h2"))));

        var hosts = patch.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal("h1", Assert.Single(hosts).GetProperty("name").GetString());
        Assert.False(patch.TryGetProperty("members", out _));
        var line = Assert.Single(patch.GetProperty("log").EnumerateArray()).GetProperty("text").GetString();
        Assert.Equal("h1/7 reserved: PERF s1, WRITE 0x1000/8 on cpu 1", line);
    }

    [Fact]
    public void A_part_of_a_process_reservation_is_logged_with_its_task_and_its_process()
    {
        var model = new DashboardModel("n1");
        model.Apply(Read(T0, Host("h1")));
        var part = Held("h1/9", cpu: 0);
        part.Scope = new Scope { Task = new TaskTarget { Tid = 1235 } };
        part.ProcessPid = 1234;

        var patch = Parse(model.Apply(Read(T0.AddSeconds(1), Host("h1", part))));

        var line = Assert.Single(patch.GetProperty("log").EnumerateArray()).GetProperty("text").GetString();
        Assert.Equal("h1/9 reserved: PERF s1, WRITE 0x1000/8 on task 1235 of process 1234", line);
    }

    [Fact]
    public void Nothing_changed_is_no_patch_at_all()
    {
        var model = new DashboardModel("n1");
        model.Apply(Read(T0, Host("h1", Held("h1/7", cpu: 0))));

        Assert.Null(model.Apply(Read(T0.AddSeconds(1), Host("h1", Held("h1/7", cpu: 0)))));
    }

    [Fact]
    public void Hits_become_hits_per_second_of_the_reservation_and_its_host_over_the_last_second()
    {
        var model = new DashboardModel("n1");
        var at = T0;
        foreach (var hits in new ulong[] { 10, 10, 10, 10, 10, 10 })
        {
            model.Apply(Read(at, Host("h1", Held("h1/7", cpu: 0, hits: hits))));
            at = at.AddMilliseconds(200);
        }

        // 40 hits in the last 200 ms, measured against the read one second earlier.
        var host = Parse(model.Apply(Read(at, Host("h1", Held("h1/7", cpu: 0, hits: 50))))).GetProperty("hosts")[0];
        Assert.Equal(40, host.GetProperty("hitsPerSecond").GetDouble());
        Assert.Equal(40, host.GetProperty("rates").GetProperty("h1/7").GetDouble());

        // Still shown while the burst is inside the window (nothing to send: the figure stands), gone once it has left it.
        for (var i = 1; i < 5; i++)
        {
            Assert.Null(model.Apply(Read(at.AddMilliseconds(200 * i), Host("h1", Held("h1/7", cpu: 0, hits: 50)))));
        }

        var quiet = Parse(model.Apply(Read(at.AddMilliseconds(1000), Host("h1", Held("h1/7", cpu: 0, hits: 50))))).GetProperty("hosts")[0];
        Assert.Equal(0, quiet.GetProperty("hitsPerSecond").GetDouble());
    }

    [Fact]
    public void A_member_that_turns_unreachable_and_a_host_that_goes_are_logged_and_a_snapshot_has_everything()
    {
        var model = new DashboardModel("n1");
        model.Apply(Read(T0, [Member("n1", true), Member("n2", true)], Host("h1"), Host("h2", node: "n2")));

        var patch = Parse(model.Apply(Read(T0.AddSeconds(1), [Member("n1", true), Member("n2", false)], Host("h1"))));

        Assert.Equal(["h2"], patch.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        Assert.False(patch.GetProperty("members")[1].GetProperty("reachable").GetBoolean());
        var lines = patch.GetProperty("log").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Equal(["node n2 is unreachable", "host h2 (n2) left the cluster"], lines);
        var snapshot = Parse(model.Snapshot());
        Assert.Equal("n1", snapshot.GetProperty("self").GetString());
        Assert.Equal(["h1"], snapshot.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        Assert.Equal(3, snapshot.GetProperty("log").GetArrayLength());
    }

    [Fact]
    public void After_a_restart_the_first_read_is_taken_as_it_is_not_as_a_burst_of_changes()
    {
        var model = new DashboardModel("n1");
        model.Apply(Read(T0, Host("h1")));
        model.Restart();

        var patch = Parse(model.Apply(Read(T0.AddMinutes(5), Host("h1", Held("h1/7", cpu: 0)))));

        var line = Assert.Single(patch.GetProperty("log").EnumerateArray()).GetProperty("text").GetString();
        Assert.StartsWith("watching 1 member(s) and 1 host(s)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_of_changes_is_cut_to_a_bounded_number_of_log_lines()
    {
        var model = new DashboardModel("n1");
        model.Apply(Read(T0, Host("h1")));
        var many = Enumerable.Range(1, 200).Select(i => Held($"h1/{i}", cpu: 0)).ToArray();

        var lines = Parse(model.Apply(Read(T0.AddSeconds(1), Host("h1", many)))).GetProperty("log");

        Assert.Equal(ChangeLog.PerRead, lines.GetArrayLength());
        Assert.Equal($"… and {200 - ChangeLog.PerRead + 1} more changes", lines[ChangeLog.PerRead - 1].GetProperty("text").GetString());
    }

    [Fact]
    public void A_token_sees_its_own_reservations_in_full_and_others_as_a_slot_held_by_a_kind_in_snapshots_patches_and_the_log()
    {
        var model = new DashboardModel("n1", viewer: "ci");
        bool Mine(string session) => session == "mine";
        var theirs = Held("h1/7", cpu: 0, session: "theirs", label: "their-secret", hits: 9);
        var mine = Held("h1/8", cpu: 0, session: "mine", label: "my-label");
        model.Apply(DashboardVisibility.Seen(Read(T0, Host("h1")), Mine));

        var patch = model.Apply(DashboardVisibility.Seen(Read(T0.AddSeconds(1), Host("h1", theirs, mine)), Mine));
        var snapshot = model.Snapshot();

        foreach (var message in new[] { patch!, snapshot })
        {
            Assert.DoesNotContain("theirs", message, StringComparison.Ordinal);
            Assert.DoesNotContain("their-secret", message, StringComparison.Ordinal);
            Assert.Contains("my-label", message, StringComparison.Ordinal);
        }

        var host = Parse(snapshot).GetProperty("hosts")[0];
        var other = host.GetProperty("reservations").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "h1/7");
        Assert.Equal("CLIENT_KIND_PERF", other.GetProperty("clientKind").GetString());
        Assert.Equal("", other.GetProperty("sessionId").GetString());
        Assert.False(other.TryGetProperty("breakpoint", out _));
        Assert.Equal("0", other.GetProperty("hits").GetString());
        var slots = host.GetProperty("state").GetProperty("cpus")[0].GetProperty("slots").EnumerateArray().ToList();
        Assert.False(slots.Single(s => s.GetProperty("reservationId").GetString() == "h1/7").TryGetProperty("breakpoint", out _));
        Assert.True(slots.Single(s => s.GetProperty("reservationId").GetString() == "h1/8").TryGetProperty("breakpoint", out _));
        Assert.Equal("ci", Parse(snapshot).GetProperty("viewer").GetString());
        var lines = Parse(patch).GetProperty("log").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ToList();
        Assert.Equal(["h1/7 reserved: PERF (another session) on cpu 0", "h1/8 reserved: PERF mine, WRITE 0x1000/8 on cpu 0 'my-label'"], lines);

        var released = Parse(model.Apply(DashboardVisibility.Seen(Read(T0.AddSeconds(2), Host("h1", mine)), Mine)));
        Assert.Equal("h1/7 released (PERF (another session))", Assert.Single(released.GetProperty("log").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public void The_view_of_everything_is_the_read_itself()
    {
        var read = Read(T0, Host("h1", Held("h1/7", cpu: 0)));

        var seen = DashboardVisibility.Seen(read, _ => true);

        Assert.Same(read.Hosts[0], seen.Hosts[0]);
    }

    private static JsonElement Parse(string? sse)
    {
        Assert.NotNull(sse);
        var data = sse.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        return JsonDocument.Parse(data).RootElement;
    }

    private static DashboardView Read(DateTimeOffset time, params HostView[] hosts) => Read(time, [Member("n1", true)], hosts);

    private static DashboardView Read(DateTimeOffset time, Member[] members, params HostView[] hosts)
    {
        var response = new ListMembersResponse { Self = "n1" };
        response.Members.AddRange(members);
        return new DashboardView(time, response, hosts);
    }

    private static Member Member(string node, bool reachable) => new() { Node = node, Status = MemberStatus.Up, Reachable = reachable };

    private static HostView Host(string name, params Reservation[] reservations) => Host(name, "n1", reservations);

    private static HostView Host(string name, string node, params Reservation[] reservations)
    {
        var state = new HostState { Host = name, Arch = "x86-64", Backend = "sim", InstructionSlots = 4, DataSlots = 4, SharedPool = true };
        var cpu = new CpuView { Cpu = 0 };
        // The reservations bound to CPU 0 hold its slots, in order, as the host's state shows them (up to its four slots).
        cpu.Slots.AddRange(reservations.Where(r => r.Scope.Cpu?.Cpu == 0).Take(4)
            .Select((r, i) => new SlotView { Index = (uint)i, ReservationId = r.Id, Breakpoint = r.Breakpoint }));
        state.Cpus.Add(cpu);
        return new HostView(name, node, true, state, reservations, "");
    }

    private static Reservation Held(string id, uint cpu, ulong hits = 0, string session = "s1", string label = "") => new()
    {
        Id = id,
        Host = id.Split('/')[0],
        SessionId = session,
        Label = label,
        ClientKind = ClientKind.Perf,
        Scope = new Scope { Cpu = new CpuTarget { Cpu = cpu } },
        Breakpoint = new Breakpoint { Address = 0x1000, Length = 8, Access = Access.Write },
        State = ReservationState.Active,
        Hits = hits,
    };
}
