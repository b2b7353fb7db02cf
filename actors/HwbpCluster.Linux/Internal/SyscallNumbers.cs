using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>Syscall numbers that differ per architecture; only x86-64 and arm64 are supported.</summary>
internal static class SyscallNumbers
{
    public static bool IsSupportedArchitecture =>
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static long PerfEventOpen => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 298,
        Architecture.Arm64 => 241,
        var other => throw new PlatformNotSupportedException($"perf_event_open: no syscall number known for {other}"),
    };

    public static long GetTid => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 186,
        Architecture.Arm64 => 178,
        var other => throw new PlatformNotSupportedException($"gettid: no syscall number known for {other}"),
    };
}
