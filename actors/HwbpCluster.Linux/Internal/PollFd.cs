using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>struct pollfd: 8 bytes on every Linux architecture.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public const short In = 0x1;
    public const short Err = 0x8;
    public const short HangUp = 0x10;
    public const short Invalid = 0x20;

    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
