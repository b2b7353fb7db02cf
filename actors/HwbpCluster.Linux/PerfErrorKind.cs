namespace HwbpCluster.Linux;

/// <summary>Why the kernel refused a breakpoint operation.</summary>
public enum PerfErrorKind
{
    /// <summary>ENOSPC: every debug-register slot of the task or CPU is held, by someone else on the host or by our own events.</summary>
    NoFreeSlot,

    /// <summary>EINVAL or E2BIG: a field of the request is invalid (misaligned address, bad length, read-only on x86...).</summary>
    InvalidArgument,

    /// <summary>EACCES or EPERM: not root, perf_event_paranoid too high, or another user's task.</summary>
    NotPermitted,

    /// <summary>ESRCH: no such task (it may have exited).</summary>
    NoSuchTask,

    /// <summary>ENOENT, ENODEV, EOPNOTSUPP, ENOSYS, or not Linux: hardware breakpoints are not available here.</summary>
    NotSupported,

    /// <summary>EMFILE or ENOMEM: out of file descriptors or locked memory for the ring buffer.</summary>
    ResourceLimit,

    /// <summary>The task is gone or the event is otherwise unusable (EBADF, and anything unexpected).</summary>
    Other,
}
