using Microsoft.Win32.SafeHandles;

namespace HwbpCluster.Linux.Internal;

/// <summary>Owns a perf event fd; closing it frees the debug-register slot.</summary>
internal sealed class PerfEventHandle : SafeHandleMinusOneIsInvalid
{
    public PerfEventHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => NativeMethods.Close((int)handle) == 0;
}
