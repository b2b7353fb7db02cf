using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Wire;
using V1 = HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Wire;

public sealed class ToWireTests
{
    [Fact]
    public void A_reservation_leaves_with_its_id_qualified_by_its_host_and_its_times_in_nanoseconds()
    {
        var view = new ReservationView(
            42, "h1", "n1-s", ClientKind.Perf, Scope.ForTask(7), new BreakpointSpec(0x1000, 8, Access.Write), Pinned: false, Inherit: true,
            "lbl", ReservationStatus.Multiplexed, 3, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1));
        var wire = ToWire.Reservation(view);
        Assert.Equal("h1/42", wire.Id);
        Assert.Equal(V1.ClientKind.Perf, wire.ClientKind);
        Assert.Equal(7ul, wire.Scope.Task.Tid);
        Assert.Equal(V1.Access.Write, wire.Breakpoint.Access);
        Assert.Equal(V1.ReservationState.Multiplexed, wire.State);
        Assert.Equal((2_000_000ul, 1_000_000ul), (wire.TimeEnabledNs, wire.TimeRunningNs));
        Assert.Equal(6ul, wire.ScaledHits);
        Assert.Equal(3ul, ToWire.Reservation(view with { Pinned = true }).ScaledHits);
        Assert.False(wire.Queued);
        Assert.True(ToWire.Reservation(view with { State = ReservationStatus.Suspended, Queued = true }).Queued);
    }

    [Fact]
    public void Every_scope_and_access_round_trips_through_the_wire()
    {
        var profile = ArchProfile.Arm64(4);
        foreach (var scope in new[] { Scope.OnCpu(2), Scope.ForTask(9), Scope.ForTaskOnCpu(9, 1), Scope.AllCpus })
        {
            Assert.Equal(scope, FromWire.Scope(ToWire.Scope(scope), profile));
        }

        foreach (var access in Enum.GetValues<Access>())
        {
            Assert.Equal(access, FromWire.Access(ToWire.Access(access), "access"));
        }

        foreach (var kind in Enum.GetValues<ClientKind>())
        {
            Assert.Equal(kind, FromWire.Kind(ToWire.Kind(kind)));
        }
    }

    [Fact]
    public void A_free_slot_shows_an_empty_reservation_id_and_a_held_one_its_qualified_id()
    {
        var snapshot = new HostSnapshot(
            new HostDescription("h2", ArchProfile.X86_64(1), "sim"),
            [new CpuSnapshot(
                0, [new SlotSnapshot(0, 5, new BreakpointSpec(0x10, 1, Access.Execute)), new SlotSnapshot(1, 0, null)], 0x1, 1, 0, 0, "")]);
        var state = ToWire.HostState(snapshot);
        Assert.Equal(("x86-64", 4u, 4u, true), (state.Arch, state.InstructionSlots, state.DataSlots, state.SharedPool));
        Assert.Equal("h2/5", state.Cpus[0].Slots[0].ReservationId);
        Assert.Equal(string.Empty, state.Cpus[0].Slots[1].ReservationId);
        Assert.Null(state.Cpus[0].Slots[1].Breakpoint);
    }

    [Fact]
    public void A_hit_carries_the_value_read_after_it_or_none()
    {
        var hit = new HitRecord("h1", 3, 1, 77, 0x401000, 0x5000, Access.Write, 0, 0, DateTimeOffset.UnixEpoch);

        Assert.True(ToWire.Hit(hit).ValueAfter.IsEmpty);
        Assert.Equal([0x2a, 0, 0, 0], ToWire.Hit(hit with { ValueAfter = new byte[] { 0x2a, 0, 0, 0 } }).ValueAfter.ToByteArray());
    }

    [Fact]
    public void A_reservation_with_losses_shows_them_by_cause_and_one_without_leaves_them_unset()
    {
        var view = new ReservationView(
            1, "h1", "s", ClientKind.Perf, Scope.ForTask(7), new BreakpointSpec(0x1000, 8, Access.Write), Pinned: true, Inherit: false,
            "", ReservationStatus.Active, 100, TimeSpan.Zero, TimeSpan.Zero);

        Assert.Null(ToWire.Reservation(view).Losses);
        var wire = ToWire.Reservation(view with { Losses = new HitLosses(3, 2, 1) }).Losses;
        Assert.Equal((3ul, 2ul, 1ul), (wire.Kernel, wire.Reader, wire.Corrupt));
    }

    [Fact]
    public void A_host_state_says_whose_view_it_is_and_what_is_held_outside()
    {
        var cpu = new CpuSnapshot(0, [], 0, 0, 0, 0, "");
        var simulated = new HostSnapshot(new HostDescription("h1", ArchProfile.X86_64(1), "sim"), [cpu]);
        var real = simulated with
        {
            Cpus = [cpu with { ExternallyOccupied = 2 }], Source = SnapshotSource.Accounting, SourceNote = "accounting view",
        };

        Assert.Equal(V1.ViewSource.Registers, ToWire.HostState(simulated).ViewSource);
        var state = ToWire.HostState(real);
        Assert.Equal((V1.ViewSource.Accounting, "accounting view", 2u), (state.ViewSource, state.ViewNote, state.Cpus[0].ExternallyOccupied));
    }
}
