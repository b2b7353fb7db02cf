using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>Owns the shared mapping of an event's ring buffer (control page + 2^n data pages).</summary>
internal sealed unsafe class RingMapping : SafeHandle
{
    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapShared = 0x1;

    private readonly nuint _length;

    private RingMapping(nint address, nuint length)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        _length = length;
        SetHandle(address);
    }

    public override bool IsInvalid => handle == -1 || handle == 0;

    public byte* ControlPage => (byte*)handle;

    /// <summary>Maps 1 + <paramref name="dataPages"/> pages read-write, so the kernel never overwrites unread records.</summary>
    public static int TryMap(int fd, int dataPages, out RingMapping? mapping)
    {
        var length = (nuint)((1 + dataPages) * PerfConstants.PageSize);
        nint address = NativeMethods.Mmap(0, length, ProtReadWrite, MapShared, fd, 0);
        if (address == -1)
        {
            mapping = null;
            return -Marshal.GetLastPInvokeError();
        }

        mapping = new RingMapping(address, length);
        return 0;
    }

    protected override bool ReleaseHandle() => NativeMethods.Munmap(handle, _length) == 0;
}
