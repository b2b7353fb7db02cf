using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>Thin errno-returning wrappers over perf_event_open and the event-fd ioctls.</summary>
internal static unsafe class PerfSyscalls
{
    /// <summary>Opens an event; returns the fd, or -errno.</summary>
    public static int Open(in PerfEventAttr attr, int pid, int cpu)
    {
        fixed (PerfEventAttr* p = &attr)
        {
            long fd = NativeMethods.Syscall(SyscallNumbers.PerfEventOpen, (nint)p, pid, cpu, -1, PerfConstants.FlagFdCloexec);
            return fd >= 0 ? (int)fd : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Issues an argument-less or value ioctl; returns 0 or -errno.</summary>
    public static int Ioctl(int fd, nuint request, nint argument = 0)
    {
        int rc = NativeMethods.Ioctl(fd, request, argument);
        return rc >= 0 ? 0 : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Re-aims a breakpoint in place; returns 0 or -errno.</summary>
    public static int Modify(int fd, in PerfEventAttr attr)
    {
        fixed (PerfEventAttr* p = &attr)
        {
            return Ioctl(fd, PerfConstants.IocModifyAttributes, (nint)p);
        }
    }

    /// <summary>Reads the kernel's unique id of the event; returns 0 or -errno.</summary>
    public static int GetId(int fd, out ulong id)
    {
        ulong value = 0;
        int rc = Ioctl(fd, PerfConstants.IocId, (nint)(&value));
        id = value;
        return rc;
    }

    /// <summary>read() of the event (<see cref="PerfConstants.HitReadFormat"/>): count, time_enabled, time_running (ns) and
    /// lost; returns 0 or -errno.</summary>
    public static int ReadCounters(int fd, out PerfReading reading)
    {
        ulong* buffer = stackalloc ulong[4];
        nint n;
        do
        {
            n = NativeMethods.Read(fd, buffer, 32);
        }
        while (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
        reading = n >= 32 ? new PerfReading(buffer[0], buffer[1], buffer[2], buffer[3]) : default;
        return n >= 32 ? 0 : n < 0 ? -Marshal.GetLastPInvokeError() : -Errno.EINVAL;
    }

    /// <summary>The calling thread's kernel task id (what perf_event_open takes as pid for one thread).</summary>
    public static int CurrentTid() => (int)NativeMethods.Syscall(SyscallNumbers.GetTid, 0, 0, 0, 0, 0);
}
