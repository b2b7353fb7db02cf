using System.Numerics;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

public sealed partial class PerfBreakpoint
{
    /// <summary>Arms a breakpoint, or throws <see cref="PerfException"/> with the typed refusal.</summary>
    public static PerfBreakpoint Open(BreakpointTarget target, BreakpointSpec spec, PerfBreakpointOptions? options = null)
    {
        PerfOpenResult result = TryOpen(target, spec, options);
        return result.IsSuccess ? result.Breakpoint : throw new PerfException(result.Failure);
    }

    /// <summary>Arms a breakpoint on a task or CPU; a refusal (no free slot, invalid, not permitted...) is returned, not thrown.</summary>
    public static PerfOpenResult TryOpen(BreakpointTarget target, BreakpointSpec spec, PerfBreakpointOptions? options = null) =>
        TryOpen(target, spec, options, taskRings: null);

    /// <summary>As <see cref="TryOpen(BreakpointTarget, BreakpointSpec, PerfBreakpointOptions?)"/>; a sampled, not inherited
    /// breakpoint on a task sends its samples to the task's ring from <paramref name="taskRings"/> instead of mapping its own.</summary>
    internal static PerfOpenResult TryOpen(BreakpointTarget target, BreakpointSpec spec, PerfBreakpointOptions? options, TaskRings? taskRings)
    {
        options ??= PerfBreakpointOptions.Default;
        if (!OperatingSystem.IsLinux() || !SyscallNumbers.IsSupportedArchitecture)
        {
            return Fail(new(PerfErrorKind.NotSupported, 0, "perf_event_open", "hardware breakpoints need Linux on x86-64 or arm64"));
        }

        if (options.RingDataPages <= 0 || !BitOperations.IsPow2(options.RingDataPages))
        {
            return Fail(new(PerfErrorKind.InvalidArgument, 0, "validate", $"RingDataPages: {options.RingDataPages} is not a power of two"));
        }

        if (SpecValidator.Validate(spec) is { } invalid)
        {
            return Fail(invalid);
        }

        if (options.Inherit && !options.CountOnly && target.Cpu < 0)
        {
            return Fail(new(PerfErrorKind.InvalidArgument, 0, "validate",
                "Inherit: the kernel maps no ring buffer for an inherited event on every CPU; open one per CPU, or count only"));
        }

        // Open disabled and enable only after mmap: samples taken before the buffer exists are not kept.
        bool sharesRing = taskRings is not null && !target.IsCpu && !options.Inherit && !options.CountOnly;
        PerfEventAttr attr = AttrBuilder.Build(spec, options.WakeupEvents, disabled: true, options.Inherit, sharesRing);
        int fd = PerfSyscalls.Open(attr, target.Pid, target.Cpu);
        if (fd < 0)
        {
            return Fail(PerfErrors.FromErrno(-fd, "perf_event_open", target, spec));
        }

        var handle = new PerfEventHandle(fd);
        RingMapping? mapping = null;
        TaskRings.Lease? taskRing = null;
        int rc = PerfSyscalls.GetId(fd, out ulong id);
        string operation = "ioctl(ID)";
        if (rc == 0 && sharesRing)
        {
            taskRing = RedirectToTaskRing(taskRings!, target.Pid, fd, options.RingDataPages);
        }

        if (rc == 0 && taskRing is null && !options.CountOnly)
        {
            rc = RingMapping.TryMap(fd, options.RingDataPages, out mapping);
            operation = "mmap";
        }

        if (rc != 0)
        {
            handle.Dispose();
            return Fail(PerfErrors.FromErrno(-rc, operation, target, spec));
        }

        var breakpoint = new PerfBreakpoint(handle, mapping, taskRing, attr, target, id);
        if (options.StartEnabled && breakpoint.TryEnable() is { } notEnabled)
        {
            breakpoint.Dispose();
            return Fail(notEnabled);
        }

        return new PerfOpenResult(breakpoint, null);
    }

    // The task's ring, with the event's samples redirected there; null when the kernel would not (the event then maps its
    // own). A ring kept for a thread that has exited refuses a new thread reusing its tid: that one is retired, and a new
    // ring tried once.
    private static TaskRings.Lease? RedirectToTaskRing(TaskRings taskRings, int tid, int fd, int dataPages)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            TaskRings.Lease? lease = taskRings.Acquire(tid, dataPages);
            if (lease is null)
            {
                return null;
            }

            if (lease.Ring.Redirect(fd) == 0)
            {
                return lease;
            }

            lease.Dispose();
            taskRings.Retire(tid);
        }

        return null;
    }

    private static PerfOpenResult Fail(PerfFailure failure) => new(null, failure);
}
