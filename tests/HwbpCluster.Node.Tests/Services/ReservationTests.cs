using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

public sealed class ReservationTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private NodeClient client = null!;
    private string session = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync();
        client = server.Client();
        session = await client.OpenAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_reservation_id_names_the_host_so_any_node_can_route_it()
    {
        var reservation = await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
        Assert.Equal("h1", reservation.Host);
        Assert.StartsWith("h1/", reservation.Id, StringComparison.Ordinal);
        Assert.Equal(
            (session, ClientKind.Perf, ReservationState.Active), (reservation.SessionId, reservation.ClientKind, reservation.State));
        Assert.Equal(Proto.Write(0x1000), reservation.Breakpoint);
    }

    [Fact]
    public async Task A_cpu_reservation_is_armed_in_a_slot_of_that_cpu_with_its_dr7_bits()
    {
        var reservation = await client.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000));
        var host = await client.CallAsync(Api.GetHost, new GetHostRequest { Host = "h1" });

        Assert.Equal(("h1", "x86-64", "sim", 4u, true), (host.Host, host.Arch, host.Backend, host.DataSlots, host.SharedPool));
        Assert.Equal(4, host.Cpus.Count);
        var slot = Assert.Single(host.Cpus[1].Slots, s => s.ReservationId.Length > 0);
        Assert.Equal(reservation.Id, slot.ReservationId);
        Assert.Equal(Proto.Write(0x1000), slot.Breakpoint);
        Assert.NotEqual(0ul, host.Cpus[1].Dr7);
        Assert.Equal(1u, host.Cpus[1].CpuPinned);
        Assert.Equal(0ul, host.Cpus[0].Dr7);
    }

    [Fact]
    public async Task Modify_moves_the_breakpoint_in_place_and_release_frees_its_slot()
    {
        var reservation = await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));

        var modified = (await client.CallAsync(Api.Modify, new ModifyRequest
        {
            SessionId = session, ReservationId = reservation.Id, Breakpoint = Proto.Write(0x2000, 4),
        })).Reservation;
        Assert.Equal(reservation.Id, modified.Id);
        Assert.Equal(Proto.Write(0x2000, 4), modified.Breakpoint);

        await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id });
        Assert.Empty(await client.ListAsync(session));
        var host = await client.CallAsync(Api.GetHost, new GetHostRequest());
        Assert.All(host.Cpus[0].Slots, s => Assert.Equal(string.Empty, s.ReservationId));
    }

    [Fact]
    public async Task Listing_filters_by_session_and_by_host()
    {
        var other = await client.OpenAsync(ClientKind.Perf);
        await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000), label: "mine");
        await client.ReserveAsync(other, Proto.Cpu(0), Proto.Write(0x2000));

        Assert.Equal(2, (await client.ListAsync()).Count);
        Assert.Equal("mine", Assert.Single(await client.ListAsync(session)).Label);
        Assert.Equal(2, (await client.ListAsync(host: "h1")).Count);
        await Proto.FailsWith(StatusCode.NotFound, () => client.ListAsync(host: "h9"));
    }

    [Fact]
    public async Task A_fifth_breakpoint_on_a_full_x86_cpu_is_refused_naming_what_holds_the_slots()
    {
        for (var i = 0; i < 4; i++)
        {
            await client.ReserveAsync(session, Proto.Cpu(3), Proto.Write(0x1000 + ((ulong)i * 8)));
        }

        var ex = await Proto.FailsWith(StatusCode.ResourceExhausted, () => client.ReserveAsync(session, Proto.Cpu(3), Proto.Write(0x9000)));
        Assert.False(string.IsNullOrWhiteSpace(ex.Status.Detail));
    }

    [Fact]
    public async Task A_request_that_waits_for_room_ends_resource_exhausted_naming_the_wait_when_none_comes()
    {
        for (var i = 0; i < 4; i++)
        {
            await client.ReserveAsync(session, Proto.Cpu(2), Proto.Write(0x1000 + ((ulong)i * 8)));
        }

        var waiting = client.CallAsync(Api.Reserve, new ReserveRequest
        {
            SessionId = session, Scope = Proto.Cpu(2), Breakpoint = Proto.Write(0x9000), Pinned = true, WaitMs = 500,
        });
        while (!waiting.IsCompleted)
        {
            // The host's queue waits on the node's clock, which only this test moves.
            server.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(waiting, Task.Delay(20));
        }

        // RESOURCE_EXHAUSTED, not DEADLINE_EXCEEDED: that status is the call's own deadline, which clients and retry policies read so.
        var ex = await Proto.FailsWith(StatusCode.ResourceExhausted, () => waiting);
        Assert.Contains("after waiting 500 ms", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_beyond_max_wait_ms_is_an_invalid_argument_and_the_host_keeps_everything_it_holds()
    {
        for (var i = 0; i < 4; i++)
        {
            await client.ReserveAsync(session, Proto.Cpu(2), Proto.Write(0x1000 + ((ulong)i * 8)));
        }

        // 4294967295 ms once asked the host actor for a 49.7-day timer, which threw and restarted the host empty.
        var ex = await Proto.FailsWith(StatusCode.InvalidArgument, () => client.CallAsync(Api.Reserve, new ReserveRequest
        {
            SessionId = session, Scope = Proto.Cpu(2), Breakpoint = Proto.Write(0x9000), Pinned = true, WaitMs = uint.MaxValue,
        }));

        Assert.Contains("wait_ms", ex.Status.Detail, StringComparison.Ordinal);
        var listed = await client.CallAsync(Api.ListReservations, new ListReservationsRequest { SessionId = session });
        Assert.Equal(4, listed.Reservations.Count);
    }

    [Theory]
    [InlineData("scope")]
    [InlineData("breakpoint")]
    [InlineData("breakpoint.access")]
    [InlineData("scope.cpu.cpu")]
    public async Task A_malformed_reservation_is_an_invalid_argument_naming_the_field(string field)
    {
        var request = new ReserveRequest { SessionId = session, Scope = Proto.Cpu(0), Breakpoint = Proto.Write(0x1000), Pinned = true };
        switch (field)
        {
            case "scope": request.Scope = null; break;
            case "breakpoint": request.Breakpoint = null; break;
            case "breakpoint.access": request.Breakpoint.Access = Access.Unspecified; break;
            default: request.Scope = Proto.Cpu(4); break;
        }

        var ex = await Proto.FailsWith(StatusCode.InvalidArgument, () => client.CallAsync(Api.Reserve, request));
        Assert.StartsWith(field + ":", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbol_on_a_simulated_host_fails_its_precondition_naming_the_backend_it_needs()
    {
        var request = new ReserveRequest
        {
            SessionId = session, Scope = Proto.Task(1), Breakpoint = new Breakpoint { Access = Access.Write, Symbol = "counter" }, Pinned = true,
        };

        var ex = await Proto.FailsWith(StatusCode.FailedPrecondition, () => client.CallAsync(Api.Reserve, request));

        Assert.Contains("--backend linux", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_breakpoint_the_arch_cannot_hold_is_an_invalid_argument_from_the_host()
    {
        // x86 data watchpoints are aligned to their length, and x86 cannot watch reads alone.
        await Proto.FailsWith(StatusCode.InvalidArgument, () => client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1003, 8)));
        await Proto.FailsWith(StatusCode.InvalidArgument, () => client.ReserveAsync(
            session, Proto.Cpu(0), new Breakpoint { Address = 0x1000, Length = 8, Access = Access.Read }));
    }

    [Fact]
    public async Task Unknown_hosts_tasks_and_reservations_are_not_found_and_malformed_ids_invalid()
    {
        await Proto.FailsWith(StatusCode.NotFound, () => client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000), host: "h9"));
        await Proto.FailsWith(StatusCode.NotFound, () => client.ReserveAsync(session, Proto.Task(4242), Proto.Write(0x1000)));
        await Proto.FailsWith(
            StatusCode.NotFound, () => client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = "h1/999" }));
        await Proto.FailsWith(
            StatusCode.NotFound, () => client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = "h9/1" }));
        var ex = await Proto.FailsWith(
            StatusCode.InvalidArgument,
            () => client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = "42" }));
        Assert.StartsWith("reservation_id:", ex.Status.Detail, StringComparison.Ordinal);
        await Proto.FailsWith(StatusCode.NotFound, () => client.CallAsync(Api.GetHost, new GetHostRequest { Host = "h9" }));
    }

    [Fact]
    public async Task A_ptrace_session_may_not_watch_kernel_addresses()
    {
        var ptrace = await client.OpenAsync(ClientKind.Ptrace);
        await Scenario.RunTaskAsync(client, 300, 0);
        var ex = await Proto.FailsWith(
            StatusCode.PermissionDenied, () => client.ReserveAsync(ptrace, Proto.Task(300), Proto.Write(0xFFFF_8000_0000_1000)));
        Assert.Contains("kernel", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ptrace_session_asking_for_a_cpu_bound_breakpoint_is_permission_denied_naming_the_rule()
    {
        var ptrace = await client.OpenAsync(ClientKind.Ptrace);
        var ex = await Proto.FailsWith(StatusCode.PermissionDenied, () => client.ReserveAsync(ptrace, Proto.Cpu(0), Proto.Write(0x1000)));
        Assert.Contains("ptrace-task-wide", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reservation_of_another_session_cannot_be_released()
    {
        var other = await client.OpenAsync();
        var reservation = await client.ReserveAsync(other, Proto.Cpu(0), Proto.Write(0x1000));
        await Proto.FailsWith(
            StatusCode.NotFound,
            () => client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id }));
        Assert.Single(await client.ListAsync(other));
    }
}
