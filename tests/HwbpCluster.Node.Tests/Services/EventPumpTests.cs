using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Services;

namespace HwbpCluster.Node.Tests.Services;

/// <summary>The pump writes a burst buffered and flushes with its last event, so nothing waits in the buffer unflushed.</summary>
public sealed class EventPumpTests
{
    [Fact]
    public async Task A_burst_arrives_whole_and_in_order_and_every_buffered_write_has_a_flushing_write_after_it()
    {
        var feed = new EventSubscription<int>(1_000, _ => { });
        for (int i = 0; i < 500; i++)
        {
            feed.Publish(i);
        }

        feed.Complete();
        var writer = new RecordingWriter();

        long delivered = await EventPump.RunAsync([feed], i => i % 5 != 0, i => i, writer, CancellationToken.None, CancellationToken.None);

        Assert.Equal(400, delivered);
        Assert.Equal(Enumerable.Range(0, 500).Where(i => i % 5 != 0), writer.Written.Select(w => w.Message));
        Assert.False(writer.Written[^1].Buffered, "the last event of the stream was left in the buffer");
        Assert.Contains(writer.Written, w => w.Buffered);
    }

    [Fact]
    public async Task A_burst_whose_last_events_the_filter_skips_still_flushes_its_last_written_event()
    {
        // One feed is written straight out, filtered as it is read: an event waiting behind a write says nothing about
        // whether anything more will be written.
        var feed = new EventSubscription<int>(16, _ => { });
        for (int i = 0; i < 4; i++)
        {
            feed.Publish(i);
        }

        var writer = new RecordingWriter();
        Task<long> pumping = EventPump.RunAsync([feed], i => i < 2, i => i, writer, CancellationToken.None, CancellationToken.None);
        await writer.FirstWrite.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        // Before the feed ends: what the client holds now must not wait for a next event that may never come.
        Assert.Equal([0, 1], writer.Written.Select(w => w.Message));
        Assert.False(writer.Written[^1].Buffered, "the last written event was left in the buffer");
        feed.Complete();
        Assert.Equal(2, await pumping);
    }

    [Fact]
    public async Task An_event_alone_is_flushed_at_once()
    {
        var feed = new EventSubscription<int>(16, _ => { });
        var writer = new RecordingWriter();
        Task<long> pumping = EventPump.RunAsync([feed], _ => true, i => i, writer, CancellationToken.None, CancellationToken.None);

        feed.Publish(7);
        await writer.FirstWrite.WaitAsync(TimeSpan.FromSeconds(10));
        feed.Complete();

        Assert.Equal(1, await pumping);
        Assert.Equal([(7, false)], writer.Written);
    }

    private sealed class RecordingWriter : IServerStreamWriter<int>
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(int Message, bool Buffered)> Written { get; } = [];

        public Task FirstWrite => _first.Task;

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(int message)
        {
            Written.Add((message, WriteOptions is { Flags: var flags } && flags.HasFlag(WriteFlags.BufferHint)));
            _first.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
