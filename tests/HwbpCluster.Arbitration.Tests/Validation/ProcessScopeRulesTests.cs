using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Tests.Validation;

/// <summary>Who may reserve a whole process, and how a malformed process scope is refused.</summary>
public sealed class ProcessScopeRulesTests
{
    private static readonly ArchProfile X86 = ArchProfile.X86_64(4);
    private static readonly BreakpointSpec UserWrite = new(0x1000, 8, Access.Write);

    private static ValidationResult Reserve(ClientKind kind, Scope scope, bool privileged = false, bool mayWait = false, bool inherit = false) =>
        BreakpointValidator.ValidateReservation(
            X86, new ReservationRequest(kind, UserWrite, scope) { Privileged = privileged, MayWait = mayWait, Inherit = inherit });

    [Theory]
    [InlineData(ClientKind.Ptrace, false)]
    [InlineData(ClientKind.Ptrace, true)]
    [InlineData(ClientKind.Perf, false)]
    [InlineData(ClientKind.Perf, true)]
    public void Ptrace_and_perf_may_reserve_a_process_with_or_without_the_inherit_flag(ClientKind kind, bool inherit) =>
        Assert.True(Reserve(kind, Scope.ForProcess(42), inherit: inherit).IsValid);

    [Fact]
    public void Kgdb_has_no_tasks_so_no_process_scope()
    {
        var result = Reserve(ClientKind.Kgdb, Scope.ForProcess(42), privileged: true);
        Assert.Equal((ValidationVerdict.NotPermitted, "scope", "kgdb-cpu-bound"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void Kvm_borrows_and_reserves_no_process_either()
    {
        var result = Reserve(ClientKind.Kvm, Scope.ForProcess(42), privileged: true);
        Assert.Equal((ValidationVerdict.NotPermitted, "kind", "kvm-borrows"), (result.Verdict, result.Field, result.Rule));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-3L)]
    public void A_process_id_must_be_positive(long pid)
    {
        var result = Reserve(ClientKind.Perf, Scope.ForProcess(pid));
        Assert.Equal((ValidationVerdict.Invalid, "scope.process", "pid-positive"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void A_process_scope_does_not_wait_in_the_queue()
    {
        var result = Reserve(ClientKind.Ptrace, Scope.ForProcess(42), mayWait: true);
        Assert.Equal((ValidationVerdict.Invalid, "wait_ms", "process-no-wait"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void Inherit_stays_refused_on_cpu_scopes()
    {
        var result = Reserve(ClientKind.Perf, Scope.OnCpu(0), privileged: true, inherit: true);
        Assert.Equal((ValidationVerdict.Invalid, "inherit", "inherit-task-only"), (result.Verdict, result.Field, result.Rule));
    }

    [Fact]
    public void A_process_scope_names_its_pid_and_is_not_one_task()
    {
        var scope = Scope.ForProcess(42);
        Assert.Equal((ScopeKind.Process, 42L, 0L, -1, false), (scope.Kind, scope.ProcessId, scope.TaskId, scope.Cpu, scope.IsTaskBound));
        Assert.Equal("process 42", scope.ToString());
        Assert.Equal(Scope.ForTask(7), Scope.ForProcessTask(7));
    }
}
