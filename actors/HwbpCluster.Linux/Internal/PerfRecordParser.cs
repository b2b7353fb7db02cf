using System.Buffers.Binary;

namespace HwbpCluster.Linux.Internal;

/// <summary>Decodes one complete perf record (header included) and hands it to a sink.</summary>
internal static class PerfRecordParser
{
    public const int HeaderSize = 8;

    public static uint RecordType(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32LittleEndian(header);

    public static int RecordSize(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);

    /// <summary>Dispatches a record; returns false for a record too short for its type (it is skipped).</summary>
    /// <param name="record">The record, header included.</param>
    /// <param name="eventId">The id stamped on a sample that does not name its event.</param>
    /// <param name="sink">Where the record goes.</param>
    /// <param name="samplesNameTheirEvent">Samples start with their event's id (<see cref="PerfConstants.SharedHitSampleType"/>).</param>
    public static bool Dispatch(ReadOnlySpan<byte> record, ulong eventId, IRecordSink sink, bool samplesNameTheirEvent = false)
    {
        switch (RecordType(record))
        {
            case PerfConstants.RecordSample when samplesNameTheirEvent:
                if (record.Length < PerfConstants.SharedSampleRecordSize)
                {
                    return false;
                }

                // The identifier comes first; the rest is the layout below, 8 bytes on.
                sink.OnSample(ParseSample(record[8..], BinaryPrimitives.ReadUInt64LittleEndian(record[8..])));
                return true;
            case PerfConstants.RecordSample:
                if (record.Length < PerfConstants.SampleRecordSize)
                {
                    return false;
                }

                sink.OnSample(ParseSample(record, eventId));
                return true;
            case PerfConstants.RecordLost:
                if (record.Length < PerfConstants.LostRecordSize)
                {
                    return false;
                }

                sink.OnLost(BinaryPrimitives.ReadUInt64LittleEndian(record[16..]));
                return true;
            case PerfConstants.RecordFork or PerfConstants.RecordExit:
                if (record.Length < PerfConstants.TaskRecordSize)
                {
                    return false;
                }

                // pid @8, ppid @12, tid @16, ptid @20, time @24.
                sink.OnThread(
                    RecordType(record) == PerfConstants.RecordFork ? HitNoticeKind.ThreadForked : HitNoticeKind.ThreadExited,
                    BinaryPrimitives.ReadInt32LittleEndian(record[16..]),
                    BinaryPrimitives.ReadInt32LittleEndian(record[20..]));
                return true;
            case PerfConstants.RecordThrottle:
                sink.OnThrottle(throttled: true);
                return true;
            case PerfConstants.RecordUnthrottle:
                sink.OnThrottle(throttled: false);
                return true;
            default:
                return true;
        }
    }

    // Field order follows the sample_type bits: IP, TID (pid, tid), TIME, ADDR, CPU (cpu, reserved), PERIOD.
    public static RawHit ParseSample(ReadOnlySpan<byte> r, ulong eventId) => new(
        EventId: eventId,
        Ip: BinaryPrimitives.ReadUInt64LittleEndian(r[8..]),
        Pid: BinaryPrimitives.ReadInt32LittleEndian(r[16..]),
        Tid: BinaryPrimitives.ReadInt32LittleEndian(r[20..]),
        Time: BinaryPrimitives.ReadUInt64LittleEndian(r[24..]),
        Address: BinaryPrimitives.ReadUInt64LittleEndian(r[32..]),
        Cpu: BinaryPrimitives.ReadInt32LittleEndian(r[40..]));
}
