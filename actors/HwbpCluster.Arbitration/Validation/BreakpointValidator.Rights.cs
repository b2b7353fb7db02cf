namespace HwbpCluster.Arbitration.Validation;

/// <summary>What each client kind may ask for, and who may use kernel addresses and CPU-bound scopes.</summary>
/// <remarks>
/// ptrace: task or process scopes on user addresses (a debugger watches its tracee; gdb's watchpoints cover every thread
/// of the process); kgdb: one CPU or all CPUs (wide), privileged (it has no tasks, so no process scope either); perf: any
/// scope but wide (a process scope is perf's inherit over every thread, perf record -p); KVM reserves nothing at all
/// (<see cref="ValidateReservation"/>). A rule about who asks is a right the session lacks (<see cref="ValidationVerdict.NotPermitted"/>),
/// never a malformed request.
/// </remarks>
public static partial class BreakpointValidator
{
    // Before the structural rules, so that the answer names the right the session lacks rather than, for example,
    // arm64's ban on per-task kernel breakpoints or a CPU number that does not exist.
    private static ValidationResult CheckKindScope(ArchProfile profile, BreakpointSpec spec, Scope scope, ClientKind kind)
    {
        if (kind == ClientKind.Ptrace && profile.IsKernelRange(spec.Address, Math.Max(1, CheckedLength(profile, spec))))
        {
            return ValidationResult.NotPermitted(
                "address", "kernel-space-ptrace", $"ptrace clients never watch kernel addresses (0x{spec.Address:x} reaches kernel space)");
        }

        return kind switch
        {
            ClientKind.Ptrace when scope.Kind is not (ScopeKind.Task or ScopeKind.Process) => ValidationResult.NotPermitted(
                "scope", "ptrace-task-wide", "ptrace breakpoints belong to one task, or every task of a process, on every CPU; use a task or process scope"),
            ClientKind.Kgdb when scope.Kind is not (ScopeKind.AllCpus or ScopeKind.Cpu) => ValidationResult.NotPermitted(
                "scope", "kgdb-cpu-bound", "kgdb breakpoints are CPU-bound; use all cpus (wide) or one cpu"),
            _ => ValidationResult.Valid,
        };
    }

    private static ValidationResult CheckPermission(ArchProfile profile, BreakpointSpec spec, Scope scope, ClientKind kind, bool privileged)
    {
        if (kind == ClientKind.Kgdb && !privileged)
        {
            return ValidationResult.NotPermitted("kind", "kgdb-privileged", "kgdb breakpoints need a privileged client");
        }

        if (profile.IsKernelRange(spec.Address, CheckedLength(profile, spec)) && !privileged)
        {
            return ValidationResult.NotPermitted(
                "address", "kernel-space-privileged", $"address 0x{spec.Address:x} reaches kernel space, which needs a privileged client");
        }

        return scope.Kind is ScopeKind.Cpu or ScopeKind.AllCpus && !privileged
            ? ValidationResult.NotPermitted("scope", "cpu-scope-privileged", "CPU-bound breakpoints watch every task and need a privileged client")
            : ValidationResult.Valid;
    }
}
