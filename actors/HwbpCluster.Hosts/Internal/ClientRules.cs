using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What each client kind may ask before validation and accounting: ptrace, kgdb, KVM and perf semantics.</summary>
/// <remarks>
/// ptrace: task scopes on user addresses, pinned (a debugger's watchpoint must fire); kgdb: CPU or wide scopes, pinned,
/// privileged, may preempt pinned perf; KVM: borrows CPUs (EnterGuest), reserves nothing; perf: any scope but wide,
/// pinned or flexible. Address and scope rules that apply to everyone are the validator's.
/// </remarks>
internal static class ClientRules
{
    /// <summary>Null when the kind may make the request; else the error and a message naming the field and rule.</summary>
    public static (HostError Error, string Message)? Check(ArchProfile profile, SessionInfo session, ReserveCommand command)
    {
        // Before the arch's structural rules (arm64 calls a task's kernel breakpoint invalid): for ptrace it is a matter of rights.
        if (session.Kind == ClientKind.Ptrace && profile.IsKernelRange(command.Spec.Address, Math.Max(1, command.Spec.Length)))
        {
            return (HostError.PermissionDenied,
                $"address (kernel-space-ptrace): ptrace clients never watch kernel addresses (0x{command.Spec.Address:x} reaches kernel space)");
        }

        switch (session.Kind)
        {
            case ClientKind.Ptrace when command.Scope.Kind != ScopeKind.Task:
                return (HostError.PermissionDenied, "scope (ptrace-task-wide): ptrace sessions reserve task scopes only, on every CPU the task runs on");
            case ClientKind.Kvm:
                return (HostError.PermissionDenied, "kind (kvm-borrows): KVM sessions do not reserve; they borrow a CPU with EnterGuest");
            case ClientKind.Kgdb when command.Scope.Kind is not (ScopeKind.Cpu or ScopeKind.AllCpus):
                return (HostError.PermissionDenied, "scope (kgdb-cpu-bound): kgdb sessions reserve one CPU or all CPUs (wide)");
            case not ClientKind.Perf when !command.Pinned:
                return (HostError.InvalidArgument, "pinned (flexible-perf-only): only perf sessions may reserve flexible (multiplexed) breakpoints");
            default:
                break;
        }

        return command.Inherit && !command.Scope.IsTaskBound
            ? (HostError.InvalidArgument, "inherit (inherit-task-only): only task scopes are inherited by forked children")
            : null;
    }
}
