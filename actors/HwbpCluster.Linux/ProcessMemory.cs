using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>Reads another process's memory with process_vm_readv (same user and dumpable, or CAP_SYS_PTRACE).</summary>
public static class ProcessMemory
{
    /// <summary>Copies <paramref name="destination"/>.Length bytes at <paramref name="address"/> of process (or thread) <paramref name="pid"/>.</summary>
    /// <returns>False, with nothing to use, when not every byte could be read: unmapped (EFAULT, or a read cut short at the
    /// end of a mapping), the process gone (ESRCH), or not allowed (EPERM).</returns>
    public static unsafe bool TryRead(int pid, ulong address, Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return true;
        }

        fixed (byte* buffer = destination)
        {
            var local = new IoVec { Base = (nint)buffer, Length = (nuint)destination.Length };
            var remote = new IoVec { Base = (nint)address, Length = (nuint)destination.Length };
            return NativeMethods.ProcessVmReadv(pid, &local, 1, &remote, 1, 0) == destination.Length;
        }
    }
}
