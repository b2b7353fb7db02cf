using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Tests.Validation;

/// <summary>What each client kind may reserve: one verdict per rule, a right the session lacks or a malformed request.</summary>
public sealed class ReservationRulesTests
{
    private static readonly ArchProfile X86 = ArchProfile.X86_64(4);
    private static readonly ArchProfile Arm = ArchProfile.Arm64(4);
    private static readonly BreakpointSpec UserWrite = new(0x1000, 8, Access.Write);
    private static readonly BreakpointSpec KernelWrite = new(0xFFFF_FFFF_8100_0000, 8, Access.Write);

    private static ValidationResult Reserve(
        ArchProfile profile, ClientKind kind, BreakpointSpec spec, Scope scope, bool privileged = true, bool pinned = true, bool inherit = false) =>
        BreakpointValidator.ValidateReservation(
            profile, new ReservationRequest(kind, spec, scope) { Privileged = privileged, Pinned = pinned, Inherit = inherit });

    [Theory]
    [InlineData(ClientKind.Ptrace, ScopeKind.Task)]
    [InlineData(ClientKind.Kgdb, ScopeKind.Cpu)]
    [InlineData(ClientKind.Kgdb, ScopeKind.AllCpus)]
    [InlineData(ClientKind.Perf, ScopeKind.Cpu)]
    [InlineData(ClientKind.Perf, ScopeKind.Task)]
    [InlineData(ClientKind.Perf, ScopeKind.TaskOnCpu)]
    public void Each_kind_may_reserve_its_own_scopes(ClientKind kind, ScopeKind scopeKind) =>
        Assert.True(Reserve(X86, kind, UserWrite, ScopeOf(scopeKind)).IsValid);

    [Theory]
    [InlineData(ScopeKind.Cpu)]
    [InlineData(ScopeKind.TaskOnCpu)]
    [InlineData(ScopeKind.AllCpus)]
    [InlineData(ScopeKind.Task)]
    public void Kvm_sessions_reserve_nothing_and_are_told_to_borrow(ScopeKind scopeKind)
    {
        var result = Reserve(X86, ClientKind.Kvm, UserWrite, ScopeOf(scopeKind));
        Assert.Equal((ValidationVerdict.NotPermitted, "kind", "kvm-borrows"), (result.Verdict, result.Field, result.Rule));
        Assert.Contains("EnterGuest", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ptrace_session_asking_for_a_cpu_bound_breakpoint_lacks_the_right_even_when_privileged()
    {
        var result = Reserve(X86, ClientKind.Ptrace, UserWrite, Scope.OnCpu(0), privileged: true);
        Assert.Equal((ValidationVerdict.NotPermitted, "scope", "ptrace-task-wide"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void A_ptrace_scope_right_is_decided_before_the_cpu_number_is_checked()
    {
        var result = Reserve(X86, ClientKind.Ptrace, UserWrite, Scope.OnCpu(99));
        Assert.Equal((ValidationVerdict.NotPermitted, "ptrace-task-wide"), (result.Verdict, result.Rule));
    }

    [Fact]
    public void A_ptrace_kernel_address_is_not_permitted_before_arm64s_structural_ban_or_a_bad_length()
    {
        var arm = Reserve(Arm, ClientKind.Ptrace, new BreakpointSpec(0xFFFF_8000_1000_0000, 8, Access.Write), Scope.ForTask(3));
        Assert.Equal((ValidationVerdict.NotPermitted, "address", "kernel-space-ptrace"), (arm.Verdict, arm.Field, arm.Rule));
        var zeroLength = Reserve(X86, ClientKind.Ptrace, new BreakpointSpec(ArchProfile.X86KernelSpaceStart, 0, Access.Write), Scope.ForTask(3));
        Assert.Equal((ValidationVerdict.NotPermitted, "kernel-space-ptrace"), (zeroLength.Verdict, zeroLength.Rule));
    }

    [Fact]
    public void A_kernel_address_from_an_unprivileged_perf_session_is_not_permitted_and_from_a_privileged_one_is_valid()
    {
        var result = Reserve(X86, ClientKind.Perf, KernelWrite, Scope.ForTask(3), privileged: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "address", "kernel-space-privileged"), (result.Verdict, result.Field, result.Rule));
        Assert.True(Reserve(X86, ClientKind.Perf, KernelWrite, Scope.ForTask(3), privileged: true).IsValid);
    }

    [Fact]
    public void A_kgdb_task_scope_is_not_permitted()
    {
        var result = Reserve(X86, ClientKind.Kgdb, KernelWrite, Scope.ForTask(3));
        Assert.Equal((ValidationVerdict.NotPermitted, "scope", "kgdb-cpu-bound"), (result.Verdict, result.Field, result.Rule));
    }

    [Theory]
    [InlineData(ClientKind.Ptrace, ScopeKind.Task)]
    [InlineData(ClientKind.Kgdb, ScopeKind.Cpu)]
    public void Flexible_breakpoints_outside_perf_are_malformed(ClientKind kind, ScopeKind scopeKind)
    {
        var result = Reserve(X86, kind, UserWrite, ScopeOf(scopeKind), pinned: false);
        Assert.Equal((ValidationVerdict.Invalid, "pinned", "flexible-perf-only"), (result.Verdict, result.Field, result.Rule));
        Assert.True(Reserve(X86, ClientKind.Perf, UserWrite, ScopeOf(scopeKind), pinned: false).IsValid);
    }

    [Fact]
    public void The_scope_right_is_named_before_the_flexible_flag()
    {
        var result = Reserve(X86, ClientKind.Ptrace, UserWrite, Scope.OnCpu(0), pinned: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "ptrace-task-wide"), (result.Verdict, result.Rule));
    }

    [Fact]
    public void Inherit_on_a_cpu_scope_is_malformed_and_on_a_task_scope_valid()
    {
        var result = Reserve(X86, ClientKind.Perf, UserWrite, Scope.OnCpu(1), inherit: true);
        Assert.Equal((ValidationVerdict.Invalid, "inherit", "inherit-task-only"), (result.Verdict, result.Field, result.Rule));
        Assert.True(Reserve(X86, ClientKind.Perf, UserWrite, Scope.ForTask(3), inherit: true).IsValid);
        Assert.True(Reserve(X86, ClientKind.Perf, UserWrite, Scope.ForTaskOnCpu(3, 1), inherit: true).IsValid);
    }

    [Fact]
    public void A_reservation_still_gets_the_architectures_and_privileges_rules()
    {
        Assert.Equal("x86-read-unsupported", Reserve(X86, ClientKind.Perf, new BreakpointSpec(0x1000, 4, Access.Read), Scope.ForTask(3)).Rule);
        var unprivileged = Reserve(X86, ClientKind.Perf, UserWrite, Scope.OnCpu(0), privileged: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "cpu-scope-privileged"), (unprivileged.Verdict, unprivileged.Rule));
        var weakKgdb = Reserve(X86, ClientKind.Kgdb, KernelWrite, Scope.AllCpus, privileged: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "kgdb-privileged"), (weakKgdb.Verdict, weakKgdb.Rule));
    }

    private static Scope ScopeOf(ScopeKind kind) => kind switch
    {
        ScopeKind.Cpu => Scope.OnCpu(0),
        ScopeKind.Task => Scope.ForTask(5),
        ScopeKind.TaskOnCpu => Scope.ForTaskOnCpu(5, 0),
        _ => Scope.AllCpus,
    };
}
