using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>--output json: the shapes cli/README.md documents, every field present, hex strings and the tables' short names.</summary>
public sealed class JsonShapeTests : IAsyncLifetime
{
    private static readonly string[] ReservationFields =
        ["id", "host", "sessionId", "kind", "scope", "breakpoint", "pinned", "inherit", "label", "state", "hits", "timeEnabledNs", "timeRunningNs", "scaledHits", "lost"];

    private static readonly string[] HitFields = ["host", "reservationId", "cpu", "tid", "ip", "address", "access", "slot", "dr6", "time", "valueAfter"];

    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        client = node.Connect();
        await client.SpawnTaskAsync(42, "app");
        await client.RunTaskAsync(42, 1);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Host_has_every_field_with_dr7_in_hex_and_every_slot_listed()
    {
        await using var session = await client.OpenSessionAsync("shapes", ClientKind.Ptrace);
        var reservation = await session.ReserveAsync(Scopes.Task(42), new Breakpoint { Address = 0x1000, Length = 8, Access = Access.Write });

        var host = await JsonAsync("host");

        Assert.Equal(["host", "arch", "backend", "instructionSlots", "dataSlots", "sharedPool", "cpus", "warnings"], Fields(host));
        Assert.Equal(0, host.GetProperty("warnings").GetArrayLength());
        var cpu = host.GetProperty("cpus")[1];
        Assert.Equal(["cpu", "runningTid", "dr7", "cpuPinned", "maxTaskPinned", "borrowedBySession", "slots"], Fields(cpu));
        Assert.Matches("^0x[0-9a-f]+$", cpu.GetProperty("dr7").GetString());
        Assert.NotEqual("0x0", cpu.GetProperty("dr7").GetString());
        Assert.Equal(42ul, cpu.GetProperty("runningTid").GetUInt64());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("cpus")[0].GetProperty("runningTid").ValueKind);
        Assert.Equal(JsonValueKind.Null, cpu.GetProperty("borrowedBySession").ValueKind);
        var slots = cpu.GetProperty("slots").EnumerateArray().ToArray();
        Assert.Equal(4, slots.Length);
        var armed = Assert.Single(slots, s => s.GetProperty("reservationId").ValueKind == JsonValueKind.String);
        Assert.Equal(reservation.Id, armed.GetProperty("reservationId").GetString());
        Assert.Equal(["address", "length", "access"], Fields(armed.GetProperty("breakpoint")));
        Assert.Equal(("0x1000", 8u, "w"), Breakpoint(armed.GetProperty("breakpoint")));
        Assert.All(slots.Where(s => s.GetProperty("reservationId").ValueKind == JsonValueKind.Null),
            s => Assert.Equal(JsonValueKind.Null, s.GetProperty("breakpoint").ValueKind));
    }

    [Fact]
    public async Task List_has_every_reservation_field_with_short_names()
    {
        await using var session = await client.OpenSessionAsync("shapes", ClientKind.Ptrace);
        await session.ReserveAsync(Scopes.Task(42), new Breakpoint { Address = 0xdead0, Length = 4, Access = Access.ReadWrite });

        var listed = await JsonAsync("list");

        Assert.Equal(["reservations"], Fields(listed));
        var reservation = Assert.Single(listed.GetProperty("reservations").EnumerateArray());
        Assert.Equal(ReservationFields, Fields(reservation));
        Assert.Equal("ptrace", reservation.GetProperty("kind").GetString());
        Assert.Equal("active", reservation.GetProperty("state").GetString());
        Assert.Equal(["type", "tid", "cpu", "pid"], Fields(reservation.GetProperty("scope")));
        Assert.Equal(JsonValueKind.Null, reservation.GetProperty("scope").GetProperty("cpu").ValueKind);
        Assert.Equal(JsonValueKind.Null, reservation.GetProperty("label").ValueKind);
        Assert.Equal(JsonValueKind.Null, reservation.GetProperty("lost").ValueKind); // the simulator counts no losses
        Assert.Equal(("0xdead0", 4u, "rw"), Breakpoint(reservation.GetProperty("breakpoint")));
        Assert.Equal(0ul, reservation.GetProperty("hits").GetUInt64());
    }

    [Fact]
    public async Task An_empty_list_is_still_an_object_with_an_empty_array()
    {
        var listed = await JsonAsync("list");

        Assert.Equal(0, listed.GetProperty("reservations").GetArrayLength());
    }

    [Fact]
    public async Task Sim_access_prints_its_hits_with_address_ip_and_dr6_in_hex()
    {
        await using var session = await client.OpenSessionAsync("shapes", ClientKind.Ptrace);
        var reservation = await session.ReserveAsync(Scopes.Task(42), new Breakpoint { Address = 0x1000, Length = 8, Access = Access.Write });

        var access = await JsonAsync("sim", "access", "--tid", "42", "--addr", "0x1004", "--len", "4", "--ip", "0x401000");

        var hit = Assert.Single(access.GetProperty("hits").EnumerateArray());
        Assert.Equal(HitFields, Fields(hit));
        Assert.Equal(reservation.Id, hit.GetProperty("reservationId").GetString());
        Assert.Equal(("0x1004", "0x401000", "w"), (hit.GetProperty("address").GetString(), hit.GetProperty("ip").GetString(), hit.GetProperty("access").GetString()));
        Assert.Matches("^0x[0-9a-f]+$", hit.GetProperty("dr6").GetString());
        Assert.True(DateTimeOffset.TryParse(hit.GetProperty("time").GetString(), out _));
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("valueAfter").ValueKind); // the simulator reads no memory
    }

    [Fact]
    public async Task Health_members_and_tasks_have_their_documented_shapes()
    {
        Assert.Equal(["status", "node"], Fields(await JsonAsync("health")));
        Assert.Equal("SERVING", (await JsonAsync("health")).GetProperty("status").GetString());

        var members = await JsonAsync("members");
        Assert.Equal(["self", "members"], Fields(members));
        var member = members.GetProperty("members")[0];
        Assert.Equal(["node", "address", "clusterAddress", "status", "reachable", "hosts", "labels"], Fields(member));
        Assert.Equal("up", member.GetProperty("status").GetString());

        var task = await JsonAsync("sim", "spawn", "--tid", "77", "--name", "db");
        Assert.Equal(["host", "tid", "name", "parentTid"], Fields(task));
        var child = await JsonAsync("sim", "fork", "--parent", "77", "--child", "78");
        Assert.Equal(77ul, child.GetProperty("parentTid").GetUInt64());
        Assert.Equal(["host", "tid", "cpu"], Fields(await JsonAsync("sim", "run", "--tid", "78", "--cpu", "2")));
    }

    [Fact]
    public async Task Json_is_the_same_as_output_json()
    {
        var json = await CliRun.RunAsync(node, "host", "--json");
        var output = await CliRun.RunAsync(node, "host", "-o", "json");

        Assert.Equal(output.Output, json.Output);
        Assert.Single(output.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string[] Fields(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static (string?, uint, string?) Breakpoint(JsonElement b) =>
        (b.GetProperty("address").GetString(), b.GetProperty("length").GetUInt32(), b.GetProperty("access").GetString());

    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(node, [.. args, "--output", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.Clone();
    }
}
