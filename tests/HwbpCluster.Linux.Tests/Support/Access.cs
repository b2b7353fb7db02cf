using System.Runtime.CompilerServices;

namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Single loads and stores of exact widths at raw addresses.</summary>
internal static unsafe class Access
{
    public static void Write64(ulong address, long value) => Volatile.Write(ref *(long*)address, value);

    public static long Read64(ulong address) => Volatile.Read(ref *(long*)address);

    public static void Write8(ulong address, byte value) => Volatile.Write(ref *(byte*)address, value);

    public static void WriteUnaligned16(ulong address, short value) => Unsafe.WriteUnaligned((void*)address, value);
}
