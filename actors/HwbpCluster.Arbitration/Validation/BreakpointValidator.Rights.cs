namespace HwbpCluster.Arbitration.Validation;

/// <summary>Scope shape per client kind, and who may use kernel addresses and CPU-bound scopes.</summary>
public static partial class BreakpointValidator
{
    private static ValidationResult CheckScope(ArchProfile profile, Scope scope, ClientKind kind)
    {
        if (scope.Kind is ScopeKind.Cpu or ScopeKind.TaskOnCpu && (scope.Cpu < 0 || scope.Cpu >= profile.CpuCount))
        {
            return ValidationResult.Invalid(
                "scope.cpu", "cpu-in-range", $"cpu {scope.Cpu} does not exist; this host has cpus 0 to {profile.CpuCount - 1}");
        }

        if (scope.IsTaskBound && scope.TaskId <= 0)
        {
            return ValidationResult.Invalid("scope.task", "task-id-positive", $"task id must be positive, got {scope.TaskId}");
        }

        return kind switch
        {
            ClientKind.Ptrace when scope.Kind != ScopeKind.Task => ValidationResult.Invalid(
                "scope", "ptrace-task-wide", "ptrace breakpoints belong to one task on every CPU; use a task scope"),
            ClientKind.Kgdb when scope.Kind is not (ScopeKind.AllCpus or ScopeKind.Cpu) => ValidationResult.Invalid(
                "scope", "kgdb-cpu-bound", "kgdb breakpoints are CPU-bound; use all cpus (wide) or one cpu"),
            not ClientKind.Kgdb when scope.Kind == ScopeKind.AllCpus => ValidationResult.Invalid(
                "scope", "wide-kgdb-only", "wide (all cpus) breakpoints are for kgdb only; use a cpu or task scope"),
            _ => ValidationResult.Valid,
        };
    }

    private static ValidationResult CheckPermission(ArchProfile profile, BreakpointSpec spec, Scope scope, ClientKind kind, bool privileged)
    {
        if (kind == ClientKind.Kgdb && !privileged)
        {
            return ValidationResult.NotPermitted("kind", "kgdb-privileged", "kgdb breakpoints need a privileged client");
        }

        if (profile.IsKernelRange(spec.Address, CheckedLength(profile, spec)))
        {
            if (kind == ClientKind.Ptrace)
            {
                return ValidationResult.NotPermitted(
                    "address", "kernel-space-ptrace", $"ptrace clients never watch kernel addresses (0x{spec.Address:x} reaches kernel space)");
            }

            if (!privileged)
            {
                return ValidationResult.NotPermitted(
                    "address", "kernel-space-privileged", $"address 0x{spec.Address:x} reaches kernel space, which needs a privileged client");
            }
        }

        return scope.Kind is ScopeKind.Cpu or ScopeKind.AllCpus && !privileged
            ? ValidationResult.NotPermitted("scope", "cpu-scope-privileged", "CPU-bound breakpoints watch every task and need a privileged client")
            : ValidationResult.Valid;
    }
}
