using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Clients;

public sealed class KvmClientTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(2));

    public KvmClientTests()
    {
        _t.Open("kvm", ClientKind.Kvm);
        _t.Open("perf", ClientKind.Perf);
        _t.Spawn(1);
    }

    [Fact]
    public async Task Guest_borrows_a_cpu_and_the_hosts_slot_file_and_dr7_come_back_exactly()
    {
        var cpuBound = _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000, 4));
        var task = _t.Reserve("perf", Scope.ForTask(1), Specs.ReadWrite(0x2000, 8));
        _t.Run(_t.Sim.RunTaskAsync(1, 0));
        var events = _t.Host.WatchReservations("perf", 64);
        var before = _t.State().Cpus[0];

        var suspended = _t.Run(_t.Host.EnterGuestAsync("kvm", 0, [Specs.Execute(0xFFFF_8000_0000_1000), Specs.Write(0x7000, 2)]));

        Assert.Equal([cpuBound.Id, task.Id], suspended.Order());
        var during = _t.State().Cpus[0];
        Assert.Equal("kvm", during.BorrowedBySession);
        Assert.All(during.Slots, s => Assert.Equal(0, s.ReservationId));
        Assert.Equal(Specs.Write(0x7000, 2), during.Slots[1].Spec);
        Assert.All(_t.List("perf"), v => Assert.Equal(ReservationStatus.Suspended, v.State));
        Assert.Empty(_t.Run(_t.Sim.AccessAsync(1, 0x1000, 4, Access.Write, 0)));

        var resumed = _t.Run(_t.Host.ExitGuestAsync("kvm", 0));

        var after = _t.State().Cpus[0];
        Assert.Equal(suspended, resumed.Order());
        Assert.Equal(before.Dr7, after.Dr7);
        Assert.Equal(before.Slots, after.Slots);
        Assert.Equal(string.Empty, after.BorrowedBySession);
        Assert.All(_t.List("perf"), v => Assert.Equal(ReservationStatus.Active, v.State));
        var reasons = await _t.CloseAndReadAsync("perf", events);
        Assert.Equal(
            [$"r{cpuBound.Id} guest-enter", $"r{task.Id} guest-enter", $"r{cpuBound.Id} guest-exit", $"r{task.Id} guest-exit"],
            reasons.Where(r => r.Contains("guest", StringComparison.Ordinal)));
    }

    [Fact]
    public void Entering_a_cpu_already_borrowed_is_a_failed_precondition()
    {
        _t.Open("kvm2", ClientKind.Kvm);
        _t.Run(_t.Host.EnterGuestAsync("kvm", 1, []));

        Assert.Equal(HostError.FailedPrecondition, _t.Fails(_t.Host.EnterGuestAsync("kvm2", 1, [])).Error);
        Assert.Equal(HostError.FailedPrecondition, _t.Fails(_t.Host.ExitGuestAsync("kvm2", 1)).Error);
    }

    [Fact]
    public void Only_kvm_sessions_borrow_and_kvm_sessions_do_not_reserve()
    {
        Assert.Equal(HostError.PermissionDenied, _t.Fails(_t.Host.EnterGuestAsync("perf", 0, [])).Error);
        var command = new ReserveCommand(Scope.OnCpu(0), Specs.Write(0x1000), true, false, "", TimeSpan.Zero);
        Assert.Equal(HostError.PermissionDenied, _t.Fails(_t.Host.ReserveAsync("kvm", command)).Error);
        Assert.Equal(HostError.NotFound, _t.Fails(_t.Host.EnterGuestAsync("kvm", 9, [])).Error);
    }

    [Fact]
    public void Closing_the_kvm_session_ends_its_borrow()
    {
        var held = _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000, 4));
        _t.Run(_t.Host.EnterGuestAsync("kvm", 0, [Specs.Write(0x7000, 8)]));

        _t.Run(_t.Host.CloseSessionAsync("kvm", "lease-expired"));
        _t.System.RunUntilIdle();

        Assert.Equal(string.Empty, _t.State().Cpus[0].BorrowedBySession);
        Assert.Equal(held.Id, _t.State().Cpus[0].Slots[0].ReservationId);
        Assert.Equal(ReservationStatus.Active, _t.List().Single().State);
    }
}
