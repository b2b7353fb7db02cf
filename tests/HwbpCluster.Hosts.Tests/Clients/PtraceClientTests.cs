using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Clients;

public sealed class PtraceClientTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(2));

    public PtraceClientTests()
    {
        _t.Open("gdb", ClientKind.Ptrace, privileged: false);
        _t.Spawn(1);
    }

    [Theory]
    [InlineData(ScopeKind.Cpu)]
    [InlineData(ScopeKind.AllCpus)]
    [InlineData(ScopeKind.TaskOnCpu)]
    public void Ptrace_may_not_use_cpu_or_wide_scopes(ScopeKind kind)
    {
        var scope = kind switch { ScopeKind.Cpu => Scope.OnCpu(0), ScopeKind.AllCpus => Scope.AllCpus, _ => Scope.ForTaskOnCpu(1, 0) };

        var error = _t.Fails(_t.Host.ReserveAsync("gdb", new ReserveCommand(scope, Specs.Write(0x1000), true, false, "", TimeSpan.Zero)));

        Assert.Equal(HostError.PermissionDenied, error.Error);
        Assert.Contains("ptrace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ptrace_may_not_watch_kernel_addresses()
    {
        var command = new ReserveCommand(Scope.ForTask(1), Specs.Write(ArchProfile.X86KernelSpaceStart), true, false, "", TimeSpan.Zero);

        var error = _t.Fails(_t.Host.ReserveAsync("gdb", command));

        Assert.Equal(HostError.PermissionDenied, error.Error);
        Assert.Contains("kernel-space-ptrace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ptrace_kernel_address_is_permission_denied_on_arm64_too()
    {
        var t = new TestHost(ArchProfile.Arm64(2));
        t.Open("gdb", ClientKind.Ptrace, privileged: false);
        t.Spawn(1);
        var command = new ReserveCommand(Scope.ForTask(1), new BreakpointSpec(ArchProfile.Arm64KernelSpaceStart + 8, 8, Access.Write), true, false, "", TimeSpan.Zero);

        Assert.Equal(HostError.PermissionDenied, t.Fails(t.Host.ReserveAsync("gdb", command)).Error);
    }

    [Fact]
    public void Ptrace_modify_to_a_kernel_address_is_permission_denied_on_arm64_as_a_reserve_is()
    {
        var t = new TestHost(ArchProfile.Arm64(2));
        t.Open("gdb", ClientKind.Ptrace, privileged: false);
        t.Spawn(1);
        var held = t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000));

        var error = t.Fails(t.Host.ModifyAsync("gdb", held.Id, new BreakpointSpec(ArchProfile.Arm64KernelSpaceStart + 8, 8, Access.Write)));

        Assert.Equal(HostError.PermissionDenied, error.Error);
        Assert.Contains("kernel-space-ptrace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ptrace_breakpoints_are_pinned_only()
    {
        var command = new ReserveCommand(Scope.ForTask(1), Specs.Write(0x1000), Pinned: false, false, "", TimeSpan.Zero);

        Assert.Equal(HostError.InvalidArgument, _t.Fails(_t.Host.ReserveAsync("gdb", command)).Error);
    }

    [Fact]
    public void Kgdb_never_suspends_ptrace_breakpoints_to_make_room()
    {
        _t.Open("kgdb", ClientKind.Kgdb);
        for (var i = 0; i < 4; i++)
        {
            _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var command = new ReserveCommand(Scope.OnCpu(0), Specs.Execute(0xFFFF_FFFF_8100_0000), true, false, "", TimeSpan.Zero);
        var error = _t.Fails(_t.Host.ReserveAsync("kgdb", command));

        Assert.Equal(HostError.NoRoom, error.Error);
        Assert.All(_t.List("gdb"), v => Assert.Equal(ReservationStatus.Active, v.State));
    }
}
