namespace HwbpCluster.Arbitration.Validation;

/// <summary>Scope rules no client could break its way around: CPUs that exist, positive task and process ids, wide only through kgdb.</summary>
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

        if (scope.Kind == ScopeKind.Process && scope.ProcessId <= 0)
        {
            return ValidationResult.Invalid("scope.process", "pid-positive", $"process id must be positive, got {scope.ProcessId}");
        }

        // perf_event_open has no wide events (pid = -1 with cpu = -1 is EINVAL); only the kernel's kgdb path registers them.
        return kind != ClientKind.Kgdb && scope.Kind == ScopeKind.AllCpus
            ? ValidationResult.Invalid("scope", "wide-kgdb-only", "wide (all cpus) breakpoints are for kgdb only; use a cpu or task scope")
            : ValidationResult.Valid;
    }
}
