using System.Buffers.Binary;

namespace HwbpCluster.Linux.Tests.Internal;

/// <summary>Builds perf records byte by byte as the kernel writes them.</summary>
internal static class Records
{
    public static byte[] Sample(ulong ip, int pid, int tid, ulong time, ulong addr, int cpu)
    {
        byte[] r = Header(9, 56);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(8), ip);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(16), pid);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(20), tid);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(24), time);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(32), addr);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(40), cpu);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(48), 1);
        return r;
    }

    /// <summary>A sample that starts with its event's id (PERF_SAMPLE_IDENTIFIER), as in a shared ring.</summary>
    public static byte[] NamedSample(ulong id, ulong ip, int pid, int tid, ulong time, ulong addr, int cpu)
    {
        byte[] unnamed = Sample(ip, pid, tid, time, addr, cpu);
        byte[] r = Header(9, 64);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(8), id);
        unnamed.AsSpan(8).CopyTo(r.AsSpan(16));
        return r;
    }

    public static byte[] Lost(ulong id, ulong count)
    {
        byte[] r = Header(2, 24);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(8), id);
        BinaryPrimitives.WriteUInt64LittleEndian(r.AsSpan(16), count);
        return r;
    }

    /// <summary>FORK (7) or EXIT (4): pid, ppid, tid, ptid, time.</summary>
    public static byte[] Task(bool fork, int pid, int ppid, int tid, int ptid)
    {
        byte[] r = Header(fork ? 7u : 4u, 32);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(8), pid);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(12), ppid);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(16), tid);
        BinaryPrimitives.WriteInt32LittleEndian(r.AsSpan(20), ptid);
        return r;
    }

    public static byte[] Throttle(bool throttled) => Header(throttled ? 5u : 6u, 32);

    public static byte[] Other(uint type, int size) => Header(type, size);

    private static byte[] Header(uint type, int size)
    {
        byte[] r = new byte[size];
        BinaryPrimitives.WriteUInt32LittleEndian(r, type);
        BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(r.AsSpan(6), (ushort)size);
        return r;
    }
}
