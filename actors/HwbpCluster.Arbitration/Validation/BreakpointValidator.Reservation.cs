using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Validation;

/// <summary>A new reservation: whether the client kind reserves at all, its pinned and inherit flags, then the breakpoint.</summary>
public static partial class BreakpointValidator
{
    /// <summary>Validates a new reservation as a host receives it from a session of <see cref="ReservationRequest.Kind"/>.</summary>
    /// <remarks>
    /// KVM sessions borrow CPUs (EnterGuest) and reserve nothing: a right they lack. Flexible (multiplexed) breakpoints
    /// exist only in perf's interface and inheritance only for tasks, so asking otherwise is malformed. The kind's scope
    /// and address rights are checked before the flags, as <see cref="Validate"/> orders them.
    /// </remarks>
    public static ValidationResult ValidateReservation(ArchProfile profile, ReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == ClientKind.Kvm)
        {
            return ValidationResult.NotPermitted(
                "kind", "kvm-borrows", "KVM sessions do not reserve; they borrow a CPU with EnterGuest");
        }

        var result = CheckKindScope(profile, request.Spec, request.Scope, request.Kind);
        if (result.IsValid)
        {
            result = CheckFlags(request);
        }

        return result.IsValid ? Validate(profile, request.Spec, request.Scope, request.Kind, request.Privileged) : result;
    }

    private static ValidationResult CheckFlags(ReservationRequest request)
    {
        if (request.Kind != ClientKind.Perf && !request.Pinned)
        {
            return ValidationResult.Invalid(
                "pinned", "flexible-perf-only", "only perf sessions may reserve flexible (multiplexed) breakpoints");
        }

        if (request.Scope.Kind == ScopeKind.Process && request.MayWait)
        {
            // Its tasks are admitted together, at once: a queue would have to hold room on tasks that fork and exit meanwhile.
            return ValidationResult.Invalid("wait_ms", "process-no-wait", "a process scope is reserved at once or refused; it does not wait in the queue");
        }

        // A process scope always inherits (that is what it means), so its inherit flag may be either value.
        return request.Inherit && !request.Scope.IsTaskBound && request.Scope.Kind != ScopeKind.Process
            ? ValidationResult.Invalid("inherit", "inherit-task-only", "only task and process scopes are inherited by forked children")
            : ValidationResult.Valid;
    }
}
