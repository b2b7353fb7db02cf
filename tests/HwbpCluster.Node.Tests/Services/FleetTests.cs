using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

public sealed class FleetTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private NodeClient client = null!;
    private string session = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync("--sim-hosts", "3", "--labels", "rack=a,role=db");
        client = server.Client();
        session = await client.OpenAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_node_lists_itself_as_an_up_member_with_its_hosts_and_labels()
    {
        var members = await client.CallAsync(Api.ListMembers, new ListMembersRequest());
        var self = Assert.Single(members.Members);
        Assert.Equal(("n1", "n1", MemberStatus.Up, true), (members.Self, self.Node, self.Status, self.Reachable));
        Assert.Equal(["h1-0", "h1-1", "h1-2"], self.Hosts);
        Assert.Equal("db", self.Labels["role"]);
        Assert.Equal(server.Address, new Uri(self.Address));
    }

    [Fact]
    public async Task An_empty_host_field_means_the_nodes_first_host()
    {
        var reservation = await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
        Assert.Equal("h1-0", reservation.Host);
        Assert.StartsWith("h1-0/", reservation.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_reserve_by_label_takes_one_slot_on_every_host()
    {
        var response = await client.CallAsync(
            Api.FleetReserve, Request(FleetMode.AllOrNothing, new HostSelector { Labels = { ["rack"] = "a" } }));

        Assert.True(response.Committed);
        Assert.Equal(["h1-0", "h1-1", "h1-2"], response.Outcomes.Select(o => o.Host));
        Assert.All(response.Outcomes, o => Assert.Equal((0, o.Host), (o.StatusCode, o.Reservation.Host)));
        Assert.Equal(3, (await client.ListAsync(session)).Count);
    }

    [Fact]
    public async Task All_or_nothing_releases_what_it_took_when_one_host_has_no_room()
    {
        await FillCpuZeroAsync("h1-1");

        var response = await client.CallAsync(
            Api.FleetReserve, Request(FleetMode.AllOrNothing, new HostSelector { Hosts = { "h1-0", "h1-1", "h1-2" } }));

        Assert.False(response.Committed);
        Assert.Equal((int)StatusCode.ResourceExhausted, response.Outcomes.Single(o => o.Host == "h1-1").StatusCode);
        Assert.All(response.Outcomes.Where(o => o.Host != "h1-1"), o => Assert.Equal((int)StatusCode.Aborted, o.StatusCode));
        Assert.Empty(await client.ListAsync(session));
    }

    [Fact]
    public async Task All_or_nothing_naming_an_unknown_host_asks_no_host_and_says_why_for_each()
    {
        var response = await client.CallAsync(
            Api.FleetReserve, Request(FleetMode.AllOrNothing, new HostSelector { Hosts = { "h1-0", "h7", "h1-2" } }));

        Assert.False(response.Committed);
        var outcomes = response.Outcomes.ToDictionary(o => o.Host);
        Assert.Equal((int)StatusCode.NotFound, outcomes["h7"].StatusCode);
        Assert.All(new[] { outcomes["h1-0"], outcomes["h1-2"] }, o =>
            Assert.Equal(((int)StatusCode.Aborted, "not attempted: all-or-nothing and host 'h7' failed"), (o.StatusCode, o.Message)));
        Assert.Empty(await client.ListAsync(session));
    }

    [Fact]
    public async Task Best_effort_keeps_what_succeeded_and_reports_the_rest()
    {
        await FillCpuZeroAsync("h1-1");

        var response = await client.CallAsync(
            Api.FleetReserve, Request(FleetMode.BestEffort, new HostSelector { Hosts = { "h1-0", "h1-1", "h1-2", "h7" } }));

        Assert.True(response.Committed);
        var codes = response.Outcomes.ToDictionary(o => o.Host, o => (StatusCode)o.StatusCode);
        Assert.Equal(StatusCode.OK, codes["h1-0"]);
        Assert.Equal(StatusCode.ResourceExhausted, codes["h1-1"]);
        Assert.Equal(StatusCode.OK, codes["h1-2"]);
        Assert.Equal(StatusCode.NotFound, codes["h7"]);
        Assert.Equal(2, (await client.ListAsync(session)).Count);
    }

    [Fact]
    public async Task Fleet_release_frees_the_sessions_reservations_with_the_label()
    {
        await client.CallAsync(Api.FleetReserve, Request(FleetMode.AllOrNothing, new HostSelector { Labels = { ["role"] = "db" } }));
        await client.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x2000), host: "h1-2", label: "keep");

        var released = await client.CallAsync(Api.FleetRelease, new FleetReleaseRequest
        {
            SessionId = session, Selector = new HostSelector { Labels = { ["rack"] = "a" } }, Label = "fleet",
        });

        Assert.Equal(3u, released.Released);
        Assert.Equal("keep", Assert.Single(await client.ListAsync(session)).Label);
    }

    [Fact]
    public async Task A_fleet_reserve_that_selects_nothing_is_an_invalid_argument()
    {
        var ex = await Proto.FailsWith(
            StatusCode.InvalidArgument, () => client.CallAsync(Api.FleetReserve, Request(FleetMode.AllOrNothing, new HostSelector())));
        Assert.StartsWith("selector:", ex.Status.Detail, StringComparison.Ordinal);
    }

    private FleetReserveRequest Request(FleetMode mode, HostSelector selector) => new()
    {
        SessionId = session,
        Selector = selector,
        Mode = mode,
        Template = new ReserveRequest { Scope = Proto.Cpu(0), Breakpoint = Proto.Write(0x1000), Pinned = true, Label = "fleet" },
    };

    private async Task FillCpuZeroAsync(string host)
    {
        var filler = await client.OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await client.ReserveAsync(filler, Proto.Cpu(0), Proto.Write(0x4000 + ((ulong)i * 8)), host: host);
        }
    }
}
