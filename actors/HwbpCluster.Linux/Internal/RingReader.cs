namespace HwbpCluster.Linux.Internal;

/// <summary>Consumes a perf ring buffer: the 1088-byte control page followed by 2^n data pages.</summary>
/// <remarks>
/// The kernel publishes data_head after writing the records (smp_wmb), so head is read with acquire semantics; data_tail is
/// written with release semantics only after the records are consumed, because the kernel reuses the space at once.
/// Records are 8-byte aligned so a header never splits at the end of the buffer, but a body can: it is copied into scratch.
/// Not thread-safe: one drainer at a time.
/// </remarks>
/// <param name="controlPage">The mapping's first page.</param>
/// <param name="eventId">Stamped on every hit, unless <paramref name="samplesNameTheirEvent"/>.</param>
/// <param name="samplesNameTheirEvent">Samples start with their event's id (PERF_SAMPLE_IDENTIFIER), which is stamped instead:
/// a ring that several events share (<see cref="TaskRing"/>).</param>
internal sealed unsafe class RingReader(byte* controlPage, ulong eventId, bool samplesNameTheirEvent = false)
{
    // Allocated at the first record that wraps (rare): most events, and every one that never fires, need none, and a
    // reserve+release no longer pays for 64 KB.
    private byte[]? _scratch;

    /// <summary>Id stamped on every hit drained from this buffer (unless its samples name their event).</summary>
    public ulong EventId { get; } = eventId;

    /// <summary>True when each sample names its event (a shared ring).</summary>
    public bool SamplesNameTheirEvent { get; } = samplesNameTheirEvent;

    /// <summary>Bytes one hit takes in this buffer.</summary>
    public int SampleSize => SamplesNameTheirEvent ? PerfConstants.SharedSampleRecordSize : PerfConstants.SampleRecordSize;

    /// <summary>True when a drain that read <paramref name="samples"/> hits found the buffer half full or more: the kernel
    /// loses samples only when it is full, so that is when to read the exact loss counts.</summary>
    public bool WasHalfFull(ulong samples) => samples * (ulong)SampleSize >= Capacity / 2;

    private ulong* Head => (ulong*)(controlPage + PerfConstants.MetaDataHeadOffset);

    private ulong* Tail => (ulong*)(controlPage + PerfConstants.MetaDataTailOffset);

    private ulong DataOffset => *(ulong*)(controlPage + PerfConstants.MetaDataOffsetOffset);

    private ulong DataSize => *(ulong*)(controlPage + PerfConstants.MetaDataSizeOffset);

    /// <summary>Bytes of record data the buffer holds.</summary>
    public ulong Capacity => DataSize;

    /// <summary>True when the kernel has published records not consumed yet.</summary>
    public bool HasData => Volatile.Read(ref *Head) != *Tail;

    /// <summary>Consumes every record until head == tail (rechecking head after each release); returns the record count.</summary>
    public int Drain(IRecordSink sink) => Read(sink, consume: true);

    /// <summary>Shows <paramref name="sink"/> the records published now without consuming them: a later drain sees them again.</summary>
    public int Peek(IRecordSink sink) => Read(sink, consume: false);

    private int Read(IRecordSink sink, bool consume)
    {
        byte* data = controlPage + DataOffset;
        ulong size = DataSize;
        ulong mask = size - 1;
        ulong tail = *Tail;
        int records = 0;
        for (ulong head = Volatile.Read(ref *Head); tail != head; head = consume ? Volatile.Read(ref *Head) : tail)
        {
            while (tail < head)
            {
                ulong offset = tail & mask;
                var header = new ReadOnlySpan<byte>(data + offset, PerfRecordParser.HeaderSize);
                int length = PerfRecordParser.RecordSize(header);
                if (length < PerfRecordParser.HeaderSize || (ulong)length > head - tail)
                {
                    // A corrupt header leaves no way to find the next record: skip to what the kernel published.
                    sink.OnCorrupt();
                    tail = head;
                    break;
                }

                if (!PerfRecordParser.Dispatch(Record(data, offset, length, size), EventId, sink, SamplesNameTheirEvent))
                {
                    sink.OnCorrupt();
                }

                tail += (ulong)length;
                records++;
            }

            if (consume)
            {
                Volatile.Write(ref *Tail, tail);
            }
        }

        return records;
    }

    private ReadOnlySpan<byte> Record(byte* data, ulong offset, int length, ulong size)
    {
        if (offset + (ulong)length <= size)
        {
            return new ReadOnlySpan<byte>(data + offset, length);
        }

        int first = (int)(size - offset);
        _scratch ??= new byte[ushort.MaxValue + 1];
        new ReadOnlySpan<byte>(data + offset, first).CopyTo(_scratch);
        new ReadOnlySpan<byte>(data, length - first).CopyTo(_scratch.AsSpan(first));
        return _scratch.AsSpan(0, length);
    }
}
