using System.Runtime.InteropServices;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests.Internal;

/// <summary>A ring buffer in native memory laid out like the kernel's, with the test playing the kernel's part.</summary>
internal sealed unsafe class SyntheticRing : IDisposable
{
    private readonly byte* _page;
    private readonly ulong _dataSize;

    public SyntheticRing(int dataPages, ulong start = 0, bool samplesNameTheirEvent = false)
    {
        _dataSize = (ulong)(dataPages * PerfConstants.PageSize);
        nuint length = (nuint)PerfConstants.PageSize + (nuint)_dataSize;
        _page = (byte*)NativeMemory.AlignedAlloc(length, PerfConstants.PageSize);
        NativeMemory.Clear(_page, length);
        Field(PerfConstants.MetaDataOffsetOffset) = (ulong)PerfConstants.PageSize;
        Field(PerfConstants.MetaDataSizeOffset) = _dataSize;
        Field(PerfConstants.MetaDataHeadOffset) = start;
        Field(PerfConstants.MetaDataTailOffset) = start;
        Reader = new RingReader(_page, eventId: 77, samplesNameTheirEvent);
    }

    public RingReader Reader { get; }

    public ulong Head => Field(PerfConstants.MetaDataHeadOffset);

    public ulong Tail => Field(PerfConstants.MetaDataTailOffset);

    /// <summary>Writes a record at head, wrapping byte by byte as the kernel does, then publishes it.</summary>
    public void Publish(ReadOnlySpan<byte> record)
    {
        ulong head = Head;
        byte* data = _page + PerfConstants.PageSize;
        for (int i = 0; i < record.Length; i++)
        {
            data[(head + (ulong)i) & (_dataSize - 1)] = record[i];
        }

        Volatile.Write(ref Field(PerfConstants.MetaDataHeadOffset), head + (ulong)record.Length);
    }

    public void Dispose() => NativeMemory.AlignedFree(_page);

    private ref ulong Field(int offset) => ref *(ulong*)(_page + offset);
}
