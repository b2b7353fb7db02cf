using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;

namespace HwbpCluster.Linux.Tests.Internal;

public sealed class RingReaderTests
{
    private const int SampleSize = 56;

    [Fact]
    public void A_sample_is_parsed_into_every_field_and_stamped_with_the_event_id()
    {
        using var ring = new SyntheticRing(dataPages: 1);
        ring.Publish(Records.Sample(ip: 0x4016db, pid: 10, tid: 11, time: 12345, addr: 0x7f00_0000_1000, cpu: 1));
        var sink = new RecordingSink();

        int records = ring.Reader.Drain(sink);

        Assert.Equal(1, records);
        Assert.Equal(new RawHit(77, 0x4016db, 10, 11, 12345, 0x7f00_0000_1000, 1), Assert.Single(sink.Hits));
        Assert.Equal(ring.Head, ring.Tail);
    }

    [Fact]
    public void A_sample_that_names_its_event_is_stamped_with_that_event_not_the_rings()
    {
        using var ring = new SyntheticRing(dataPages: 1, samplesNameTheirEvent: true);
        ring.Publish(Records.NamedSample(id: 901, ip: 0x4016db, pid: 10, tid: 11, time: 12345, addr: 0x7f00_0000_1000, cpu: 1));
        ring.Publish(Records.NamedSample(id: 902, ip: 0x4016dc, pid: 10, tid: 12, time: 12346, addr: 0x7f00_0000_1040, cpu: 0));
        var sink = new RecordingSink();

        ring.Reader.Drain(sink);

        Assert.Equal(
            [new RawHit(901, 0x4016db, 10, 11, 12345, 0x7f00_0000_1000, 1), new RawHit(902, 0x4016dc, 10, 12, 12346, 0x7f00_0000_1040, 0)],
            sink.Hits);
        Assert.Equal(128UL, ring.Tail);
    }

    [Fact]
    public void A_sample_too_short_to_name_its_event_is_counted_as_corrupt()
    {
        using var ring = new SyntheticRing(dataPages: 1, samplesNameTheirEvent: true);
        ring.Publish(Records.Sample(1, 2, 3, 4, 5, 0));
        var sink = new RecordingSink();

        ring.Reader.Drain(sink);

        Assert.Empty(sink.Hits);
        Assert.Equal(1, sink.Corrupt);
    }

    [Fact]
    public void A_sample_split_across_the_end_of_the_buffer_is_reassembled()
    {
        // Start 24 bytes before the end: the header and ip fit, the rest wraps to the start.
        using var ring = new SyntheticRing(dataPages: 1, start: 4096 - 24);
        ring.Publish(Records.Sample(0xaaaa, 1, 2, 3, 0xbbbb, 1));
        ring.Publish(Records.Sample(0xcccc, 4, 5, 6, 0xdddd, 0));
        var sink = new RecordingSink();

        ring.Reader.Drain(sink);

        Assert.Equal([new RawHit(77, 0xaaaa, 1, 2, 3, 0xbbbb, 1), new RawHit(77, 0xcccc, 4, 5, 6, 0xdddd, 0)], sink.Hits);
        Assert.Equal(4096UL - 24 + 112, ring.Tail);
    }

    [Fact]
    public void Lost_and_throttle_records_are_counted_and_unknown_records_skipped()
    {
        using var ring = new SyntheticRing(dataPages: 1);
        ring.Publish(Records.Sample(1, 1, 1, 1, 1, 0));
        ring.Publish(Records.Lost(id: 77, count: 127));
        ring.Publish(Records.Other(type: 4, size: 40));
        ring.Publish(Records.Throttle(true));
        ring.Publish(Records.Throttle(false));
        ring.Publish(Records.Sample(2, 1, 1, 2, 1, 0));
        var sink = new RecordingSink();

        int records = ring.Reader.Drain(sink);

        Assert.Equal(6, records);
        Assert.Equal([1UL, 2UL], sink.Hits.Select(h => h.Ip));
        Assert.Equal(127UL, sink.Lost);
        Assert.Equal([true, false], sink.Throttles);
    }

    [Fact]
    public void Fork_and_exit_records_name_the_thread_and_its_parent()
    {
        using var ring = new SyntheticRing(dataPages: 1);
        ring.Publish(Records.Task(fork: true, pid: 100, ppid: 100, tid: 105, ptid: 101));
        ring.Publish(Records.Task(fork: false, pid: 100, ppid: 100, tid: 105, ptid: 105));
        var sink = new RecordingSink();

        ring.Reader.Drain(sink);

        Assert.Equal([(HitNoticeKind.ThreadForked, 105, 101), (HitNoticeKind.ThreadExited, 105, 105)], sink.Threads);
    }

    [Fact]
    public void An_empty_buffer_drains_nothing_and_leaves_the_tail()
    {
        using var ring = new SyntheticRing(dataPages: 1, start: 512);
        var sink = new RecordingSink();

        Assert.Equal(0, ring.Reader.Drain(sink));
        Assert.Equal(512UL, ring.Tail);
        Assert.False(ring.Reader.HasData);
    }

    [Fact]
    public void A_corrupt_zero_size_header_skips_to_the_head_instead_of_looping_and_is_counted()
    {
        using var ring = new SyntheticRing(dataPages: 1);
        ring.Publish(new byte[16]);
        var sink = new RecordingSink();

        ring.Reader.Drain(sink);

        Assert.Empty(sink.Hits);
        Assert.Equal(1, sink.Corrupt);
        Assert.Equal(ring.Head, ring.Tail);
    }

    [Fact]
    public void A_sample_too_short_for_its_type_is_skipped_and_counted_as_corrupt()
    {
        using var ring = new SyntheticRing(dataPages: 1);
        byte[] sample = Records.Sample(1, 2, 3, 4, 5, 0);
        byte[] truncated = sample[..24];
        BinaryPrimitives.WriteUInt16LittleEndian(truncated.AsSpan(6), 24);
        ring.Publish(truncated);
        ring.Publish(sample);
        var sink = new RecordingSink();

        ring.Reader.Drain(sink);

        Assert.Equal(1, sink.Corrupt);
        Assert.Single(sink.Hits);
    }

    [Fact]
    public void Any_start_offset_and_any_batch_of_samples_drain_back_exactly_in_order() =>
        Prop.ForAll<int, byte>((start, count) =>
        {
            ulong offset = (ulong)(uint)start % 8192 & ~7UL;
            int n = count % (8192 / SampleSize);
            using var ring = new SyntheticRing(dataPages: 2, start: offset + 8192UL * 3);
            var expected = Enumerable.Range(0, n)
                .Select(i => new RawHit(77, (ulong)i, i, i + 1, (ulong)i * 10, (ulong)i << 8, i % 2))
                .ToList();
            expected.ForEach(h => ring.Publish(Records.Sample(h.Ip, h.Pid, h.Tid, h.Time, h.Address, h.Cpu)));
            var sink = new RecordingSink();

            ring.Reader.Drain(sink);

            return sink.Hits.SequenceEqual(expected) && ring.Tail == ring.Head;
        }).QuickCheckThrowOnFailure();
}
