namespace HwbpCluster.Linux.Internal;

/// <summary>Turns an errno from a breakpoint syscall into a typed failure with a reason a person can act on.</summary>
internal static class PerfErrors
{
    public const string NoFreeSlotReason =
        "no free debug register: slots are held by another user of this host (gdb, perf) or by our own events";

    /// <summary>The failure for <paramref name="errno"/> from <paramref name="operation"/> on <paramref name="target"/> and <paramref name="spec"/>.</summary>
    /// <param name="errno">The errno the syscall set.</param>
    /// <param name="operation">The syscall (perf_event_open, mmap, ioctl).</param>
    /// <param name="target">What the breakpoint was for.</param>
    /// <param name="spec">The breakpoint.</param>
    /// <param name="privileged">Whether this process passes every paranoia level; null reads it (<see cref="PerfParanoia.ProcessIsPrivileged"/>).</param>
    public static PerfFailure FromErrno(int errno, string operation, BreakpointTarget target, BreakpointSpec spec, bool? privileged = null) => errno switch
    {
        Errno.ENOSPC => new(PerfErrorKind.NoFreeSlot, errno, operation, $"{NoFreeSlotReason} ({target})"),
        Errno.EINVAL or Errno.E2BIG => new(PerfErrorKind.InvalidArgument, errno, operation, InvalidReason(operation, spec)),
        Errno.EACCES or Errno.EPERM => new(PerfErrorKind.NotPermitted, errno, operation, NotPermittedReason(operation, target, spec, privileged ?? PerfParanoia.ProcessIsPrivileged())),
        Errno.ESRCH => new(PerfErrorKind.NoSuchTask, errno, operation, $"no such task: {target} does not exist or has exited"),
        Errno.ENOENT or Errno.ENODEV or Errno.EOPNOTSUPP or Errno.ENOSYS => new(
            PerfErrorKind.NotSupported, errno, operation,
            "this kernel offers no hardware breakpoints through perf_event_open (no breakpoint PMU: CONFIG_HAVE_HW_BREAKPOINT off, or perf_event_open blocked by seccomp)"),
        Errno.EMFILE or Errno.ENOMEM => new(
            PerfErrorKind.ResourceLimit, errno, operation,
            "out of file descriptors or locked memory (RLIMIT_NOFILE, RLIMIT_MEMLOCK, perf_event_mlock_kb)"),
        _ => new(PerfErrorKind.Other, errno, operation, $"unexpected errno {errno} for {spec} on {target}"),
    };

    private static string InvalidReason(string operation, BreakpointSpec spec)
    {
        if (operation == "mmap")
        {
            return "the ring buffer size must be 1 + 2^n pages";
        }

        return spec.IsKernelAddress
            ? $"the kernel refused {spec}: kernel addresses need the kernel included (exclude_kernel=0)"
            : $"the kernel refused {spec}: check bp_addr alignment to bp_len, bp_len (1/2/4/8, 8 for execute) and bp_type";
    }

    private static string NotPermittedReason(string operation, BreakpointTarget target, BreakpointSpec spec, bool privileged)
    {
        if (operation == "mmap")
        {
            return "ring buffer over perf_event_mlock_kb + RLIMIT_MEMLOCK for an unprivileged user";
        }

        if (privileged)
        {
            // Root or CAP_PERFMON passes every paranoia check, so the refusal is the kernel's policy, not a missing right.
            return spec.IsKernelAddress
                ? $"this kernel refuses breakpoints on kernel addresses even to a privileged process ({spec}): kernel lockdown, or a paravirtualised guest"
                : $"the kernel refused {spec} on {target} although this process is privileged: kernel lockdown or a security module's policy";
        }

        string paranoid = $"perf_event_paranoid is {PerfParanoia.Read()}";
        if (target.IsCpu)
        {
            return $"a CPU-wide breakpoint on cpu {target.Cpu} needs root, CAP_PERFMON or perf_event_paranoid <= 0 ({paranoid})";
        }

        return spec.IsKernelAddress
            ? $"a kernel address needs root, CAP_PERFMON or perf_event_paranoid <= 1 ({paranoid})"
            : $"watching task {target.Pid} needs ptrace access to it (same user, or CAP_SYS_PTRACE) and "
                + $"perf_event_paranoid <= 2 ({paranoid}), or root / CAP_PERFMON";
    }
}
