using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Tests.Validation;

public sealed class BreakpointValidatorTests
{
    private static readonly ArchProfile X86 = ArchProfile.X86_64(4);
    private static readonly ArchProfile Arm = ArchProfile.Arm64(4);
    private static readonly ArchProfile P9 = ArchProfile.Ppc64P9(4);
    private static readonly ArchProfile P10 = ArchProfile.Ppc64P10(4);

    private static ValidationResult Ptrace(ArchProfile profile, ulong address, int length, Access access) =>
        BreakpointValidator.Validate(profile, new BreakpointSpec(address, length, access), Scope.ForTask(42), ClientKind.Ptrace, privileged: false);

    private static ValidationResult Root(ArchProfile profile, ulong address, int length, Access access, Scope scope, ClientKind kind = ClientKind.Perf) =>
        BreakpointValidator.Validate(profile, new BreakpointSpec(address, length, access), scope, kind, privileged: true);

    [Theory]
    [InlineData(1, Access.Write)]
    [InlineData(2, Access.ReadWrite)]
    [InlineData(4, Access.Write)]
    [InlineData(8, Access.ReadWrite)]
    [InlineData(1, Access.Execute)]
    [InlineData(8, Access.Execute)]
    public void X86_accepts_aligned_writes_and_read_writes_of_1_2_4_8_and_execute_of_1_or_8(int length, Access access) =>
        Assert.True(Ptrace(X86, 0x7ffd_0000_1000, length, access).IsValid);

    [Fact]
    public void X86_rejects_read_alone_and_says_to_use_read_write()
    {
        var result = Ptrace(X86, 0x1000, 4, Access.Read);
        Assert.Equal(ValidationVerdict.Invalid, result.Verdict);
        Assert.Equal("access", result.Field);
        Assert.Equal("x86-read-unsupported", result.Rule);
        Assert.Contains("READ_WRITE", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, Access.Write, "x86-data-length")]
    [InlineData(16, Access.ReadWrite, "x86-data-length")]
    [InlineData(4, Access.Execute, "x86-execute-length")]
    [InlineData(0, Access.Write, "length-positive")]
    public void X86_rejects_other_lengths_naming_the_length_field(int length, Access access, string rule)
    {
        var result = Ptrace(X86, 0x1000, length, access);
        Assert.Equal((ValidationVerdict.Invalid, "length", rule), (result.Verdict, result.Field, result.Rule));
    }

    [Theory]
    [InlineData(0x1001UL, 2)]
    [InlineData(0x1002UL, 4)]
    [InlineData(0x1004UL, 8)]
    public void X86_rejects_watchpoints_not_aligned_to_their_length(ulong address, int length)
    {
        var result = Ptrace(X86, address, length, Access.Write);
        Assert.Equal(("address", "aligned-to-length"), (result.Field, result.Rule));
    }

    [Fact]
    public void A_range_that_overflows_the_address_space_is_invalid()
    {
        var result = Root(X86, ulong.MaxValue - 3, 8, Access.Write, Scope.OnCpu(0));
        Assert.Equal((ValidationVerdict.Invalid, "address", "range-overflow"), (result.Verdict, result.Field, result.Rule));
    }

    [Theory]
    [InlineData(ArchProfile.X86KernelSpaceStart)]
    [InlineData(0xFFFF_FFFF_8100_0000UL)]
    public void A_ptrace_client_is_never_permitted_kernel_addresses_even_a_range_reaching_them(ulong address)
    {
        var result = Ptrace(X86, address, 8, Access.Write);
        Assert.Equal((ValidationVerdict.NotPermitted, "address", "kernel-space-ptrace"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void A_range_that_starts_in_user_space_and_reaches_kernel_space_counts_as_kernel()
    {
        var result = Ptrace(P10, ArchProfile.PowerKernelSpaceStart - 8, 16, Access.Write);
        Assert.Equal((ValidationVerdict.NotPermitted, "kernel-space-ptrace"), (result.Verdict, result.Rule));
    }

    [Fact]
    public void An_unprivileged_perf_client_is_not_permitted_kernel_addresses_but_a_privileged_one_is()
    {
        var spec = new BreakpointSpec(0xFFFF_FFFF_8100_0000, 8, Access.Write);
        var unprivileged = BreakpointValidator.Validate(X86, spec, Scope.ForTask(7), ClientKind.Perf, privileged: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "kernel-space-privileged"), (unprivileged.Verdict, unprivileged.Rule));
        Assert.True(BreakpointValidator.Validate(X86, spec, Scope.ForTask(7), ClientKind.Perf, privileged: true).IsValid);
    }

    [Fact]
    public void Kgdb_takes_wide_kernel_breakpoints_when_privileged_and_is_refused_otherwise()
    {
        var spec = new BreakpointSpec(0xFFFF_FFFF_8100_0000, 1, Access.Execute);
        Assert.True(BreakpointValidator.Validate(X86, spec, Scope.AllCpus, ClientKind.Kgdb, privileged: true).IsValid);
        var result = BreakpointValidator.Validate(X86, spec, Scope.AllCpus, ClientKind.Kgdb, privileged: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "kind", "kgdb-privileged"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void Cpu_bound_scopes_need_a_privileged_client()
    {
        var result = BreakpointValidator.Validate(X86, new BreakpointSpec(0x1000, 4, Access.Write), Scope.OnCpu(1), ClientKind.Perf, privileged: false);
        Assert.Equal((ValidationVerdict.NotPermitted, "scope", "cpu-scope-privileged"), (result.Verdict, result.Field, result.Rule));
    }

    [Theory]
    [InlineData(ClientKind.Ptrace, ScopeKind.Cpu, ValidationVerdict.NotPermitted, "ptrace-task-wide")]
    [InlineData(ClientKind.Ptrace, ScopeKind.TaskOnCpu, ValidationVerdict.NotPermitted, "ptrace-task-wide")]
    [InlineData(ClientKind.Ptrace, ScopeKind.AllCpus, ValidationVerdict.NotPermitted, "ptrace-task-wide")]
    [InlineData(ClientKind.Kgdb, ScopeKind.Task, ValidationVerdict.NotPermitted, "kgdb-cpu-bound")]
    [InlineData(ClientKind.Kgdb, ScopeKind.TaskOnCpu, ValidationVerdict.NotPermitted, "kgdb-cpu-bound")]
    [InlineData(ClientKind.Perf, ScopeKind.AllCpus, ValidationVerdict.Invalid, "wide-kgdb-only")]
    public void Each_client_kind_uses_only_its_scopes(ClientKind kind, ScopeKind scopeKind, ValidationVerdict verdict, string rule)
    {
        var scope = scopeKind switch
        {
            ScopeKind.Cpu => Scope.OnCpu(0),
            ScopeKind.Task => Scope.ForTask(5),
            ScopeKind.TaskOnCpu => Scope.ForTaskOnCpu(5, 0),
            _ => Scope.AllCpus,
        };
        var result = Root(X86, 0x1000, 4, Access.Write, scope, kind);
        Assert.Equal((verdict, "scope", rule), (result.Verdict, result.Field, result.Rule));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void A_cpu_outside_the_host_is_invalid(int cpu)
    {
        var result = Root(X86, 0x1000, 4, Access.Write, Scope.OnCpu(cpu));
        Assert.Equal(("scope.cpu", "cpu-in-range"), (result.Field, result.Rule));
    }

    [Fact]
    public void A_task_id_must_be_positive()
    {
        var result = Root(X86, 0x1000, 4, Access.Write, Scope.ForTask(0));
        Assert.Equal(("scope.task", "task-id-positive"), (result.Field, result.Rule));
    }

    [Theory]
    [InlineData(0x1000UL, 1)]
    [InlineData(0x1003UL, 3)]
    [InlineData(0x1001UL, 7)]
    [InlineData(0x1000UL, 8)]
    public void Arm64_accepts_reads_alone_and_lengths_1_to_8_within_one_doubleword(ulong address, int length) =>
        Assert.True(Ptrace(Arm, address, length, Access.Read).IsValid);

    [Theory]
    [InlineData(0x1004UL, 8)]
    [InlineData(0x1007UL, 2)]
    [InlineData(0x1000UL, 9)]
    public void Arm64_rejects_watchpoints_crossing_a_doubleword(ulong address, int length)
    {
        var result = Ptrace(Arm, address, length, Access.Write);
        Assert.Equal(("address", "arm64-within-doubleword"), (result.Field, result.Rule));
    }

    [Fact]
    public void Arm64_execute_breakpoints_are_4_bytes_and_4_byte_aligned()
    {
        Assert.True(Ptrace(Arm, 0x40_0000, 4, Access.Execute).IsValid);
        Assert.Equal("arm64-execute-length", Ptrace(Arm, 0x40_0000, 2, Access.Execute).Rule);
        Assert.Equal("arm64-execute-alignment", Ptrace(Arm, 0x40_0002, 4, Access.Execute).Rule);
    }

    [Fact]
    public void Arm64_per_task_breakpoint_on_a_kernel_address_is_invalid_not_merely_not_permitted()
    {
        var result = Root(Arm, 0xFFFF_8000_1000_0000, 8, Access.Write, Scope.ForTask(9));
        Assert.Equal((ValidationVerdict.Invalid, "scope", "arm64-no-task-kernel"), (result.Verdict, result.Field, result.Rule));
        Assert.True(Root(Arm, 0xFFFF_8000_1000_0000, 8, Access.Write, Scope.OnCpu(0)).IsValid);
    }

    [Fact]
    public void Power_accepts_up_to_512_bytes_and_power9_refuses_to_cross_a_512_byte_boundary_while_power10_allows_it()
    {
        Assert.True(Ptrace(P9, 0x1_0000, 512, Access.Read).IsValid);
        Assert.Equal("power-data-length", Ptrace(P9, 0x1_0000, 513, Access.Write).Rule);
        var crossing = Ptrace(P9, 0x1_01F8, 16, Access.Write);
        Assert.Equal(("address", "power9-512-boundary"), (crossing.Field, crossing.Rule));
        Assert.True(Ptrace(P10, 0x1_01F8, 16, Access.Write).IsValid);
    }

    [Fact]
    public void ValidateSpec_checks_the_shape_alone_for_any_scope_or_client()
    {
        Assert.True(BreakpointValidator.ValidateSpec(X86, new BreakpointSpec(ArchProfile.X86KernelSpaceStart, 8, Access.Write)).IsValid);
        Assert.Equal("x86-read-unsupported", BreakpointValidator.ValidateSpec(X86, new BreakpointSpec(0x1000, 8, Access.Read)).Rule);
        Assert.Equal("arm64-within-doubleword", BreakpointValidator.ValidateSpec(Arm, new BreakpointSpec(0x1006, 4, Access.Read)).Rule);
    }

    [Fact]
    public void Every_rejection_names_a_field_a_rule_and_a_message()
    {
        var rejections = new[]
        {
            Ptrace(X86, 0x1000, 4, Access.Read),
            Ptrace(X86, 0x1001, 4, Access.Write),
            Ptrace(X86, ArchProfile.X86KernelSpaceStart, 1, Access.Write),
            Ptrace(Arm, 0x1007, 2, Access.Write),
            Ptrace(P9, 0x1_01F8, 16, Access.Write),
        };
        Assert.All(rejections, r =>
        {
            Assert.False(r.IsValid);
            Assert.False(string.IsNullOrWhiteSpace(r.Field));
            Assert.False(string.IsNullOrWhiteSpace(r.Rule));
            Assert.False(string.IsNullOrWhiteSpace(r.Message));
        });
    }
}
