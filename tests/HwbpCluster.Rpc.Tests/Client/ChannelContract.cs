using Google.Protobuf;
using HwbpCluster.Rpc.Client;
using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;
using static HwbpCluster.Rpc.Tests.Infrastructure.InteropMethods;

namespace HwbpCluster.Rpc.Tests.Client;

/// <summary>What our channel must do against any gRPC server of interop.v1: run against ours and against python3-grpcio.</summary>
public abstract class ChannelContract : IAsyncLifetime
{
    private const int FourMiB = 4 * 1024 * 1024;

    protected GrpcChannel Channel { get; private set; } = null!;

    protected abstract Task<Uri> StartServerAsync();

    protected virtual Task StopServerAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Channel = GrpcChannel.ForAddress(await StartServerAsync());

    public async Task DisposeAsync()
    {
        await Channel.DisposeAsync();
        await StopServerAsync();
    }

    [PeerFact]
    public async Task Unary_echo_returns_the_request_text_and_payload()
    {
        var reply = await Channel.UnaryAsync(Echo, new EchoRequest { Text = "héllo", Payload = ByteString.CopyFrom(1, 2, 3) });

        Assert.Equal("héllo", reply.Text);
        Assert.Equal([1, 2, 3], reply.Payload.ToByteArray());
    }

    [PeerFact]
    public async Task Empty_request_and_reply_travel_as_zero_length_messages() =>
        Assert.Equal(new Empty(), await Channel.UnaryAsync(Ping, new Empty()));

    [PeerFact]
    public async Task Server_stream_delivers_every_message_in_order_then_ok()
    {
        using var call = Channel.ServerStreaming(StreamReplies, new EchoRequest { Text = "s", Count = 5 });

        var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal([0, 1, 2, 3, 4], replies.Select(r => r.Index));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [PeerFact]
    public async Task Server_stream_of_no_messages_ends_ok()
    {
        using var call = Channel.ServerStreaming(StreamReplies, new EchoRequest { Count = 0 });

        Assert.False(await call.ResponseStream.MoveNextAsync());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [PeerFact]
    public async Task Handler_status_arrives_with_its_unicode_percent_detail_and_trailers()
    {
        const string detail = "slot taken: ünïcode 100% ✓ %41 \t";
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Fail, new EchoRequest { StatusCode = (int)StatusCode.FailedPrecondition, StatusMessage = detail }));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(detail, ex.Detail);
        Assert.Equal("refused", ex.Trailers.GetValue("x-reason"));
        Assert.Equal([0x00, 0x01, 0xfe], ex.Trailers.GetBytes("x-reason-bin"));
    }

    [PeerFact]
    public async Task Deadline_ends_a_slow_call_with_deadline_exceeded_and_cancels_the_handler()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Slow, new EchoRequest { Text = "deadline", DelayMs = 20_000 }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True((await Channel.UnaryAsync(WasCancelled, new EchoRequest { Text = "deadline" })).Flag);
    }

    [PeerFact]
    public async Task Deadline_already_past_fails_at_once_with_deadline_exceeded()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Echo, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [PeerFact]
    public async Task Cancelling_a_stream_surfaces_cancelled_and_reaches_the_handler()
    {
        using var cancel = new CancellationTokenSource();
        using var call = Channel.ServerStreaming(
            StreamReplies, new EchoRequest { Text = "cancel-token", Count = 1000, DelayMs = 50 }, new CallOptions(CancellationToken: cancel.Token));
        Assert.True(await call.ResponseStream.MoveNextAsync());

        await cancel.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => { while (await call.ResponseStream.MoveNextAsync()) { } });

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.True((await Channel.UnaryAsync(WasCancelled, new EchoRequest { Text = "cancel-token" })).Flag);
    }

    [PeerFact]
    public async Task Disposing_an_unfinished_call_resets_the_stream_and_reaches_the_handler()
    {
        var call = Channel.ServerStreaming(StreamReplies, new EchoRequest { Text = "cancel-dispose", Count = 1000, DelayMs = 50 });
        Assert.True(await call.ResponseStream.MoveNextAsync());

        await call.DisposeAsync();

        Assert.True((await Channel.UnaryAsync(WasCancelled, new EchoRequest { Text = "cancel-dispose" })).Flag);
    }

    [PeerFact]
    public async Task Message_just_under_four_mebibytes_goes_both_ways()
    {
        var payload = ByteString.CopyFrom(new byte[FourMiB - 64]);

        var reply = await Channel.UnaryAsync(Echo, new EchoRequest { Payload = payload });

        Assert.Equal(payload.Length, reply.Payload.Length);
    }

    [PeerFact]
    public async Task Request_over_four_mebibytes_is_refused_by_the_server_with_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[FourMiB + 1]) }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [PeerFact]
    public async Task Reply_over_four_mebibytes_is_refused_by_the_channel_with_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Echo, new EchoRequest { ReplySize = FourMiB + 16 }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [PeerFact]
    public async Task Text_and_binary_metadata_flow_both_ways_in_headers_and_trailers()
    {
        var headers = new Metadata().Add("x-text", "plain value").Add("x-data-bin", [0x00, 0xff, .. "binary"u8, 0x10]);
        using var call = Channel.ServerStreaming(EchoMetadata, new EchoRequest { Text = "m" }, new CallOptions(headers));

        var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();
        var responseHeaders = await call.ResponseHeadersAsync;

        var echoed = Assert.Single(replies).Metadata.ToDictionary(p => p.Key);
        Assert.Equal("plain value", echoed["x-text"].Text);
        Assert.Equal([0x00, 0xff, .. "binary"u8, 0x10], echoed["x-data-bin"].Binary.ToByteArray());
        Assert.Equal("header value", responseHeaders.GetValue("x-header"));
        Assert.Equal([1, 2, 3], responseHeaders.GetBytes("x-header-bin"));
        Assert.Equal("trailer value", call.GetTrailers().GetValue("x-trailer"));
        Assert.Equal([0xff, 0x00], call.GetTrailers().GetBytes("x-trailer-bin"));
    }

    [PeerFact]
    public async Task Bidi_stream_answers_each_request_before_the_next_is_written()
    {
        using var call = Channel.DuplexStreaming(Bidi);

        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNextAsync());
            Assert.Equal(text, call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNextAsync());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [PeerFact]
    public async Task Client_stream_is_read_to_its_end_before_the_single_reply()
    {
        using var call = Channel.DuplexStreaming(Collect);

        foreach (var text in new[] { "x", "y", "z" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();
        var reply = Assert.Single(await call.ResponseStream.ReadAllAsync().ToListAsync());

        Assert.Equal(("x+y+z", 3), (reply.Text, reply.Index));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [PeerFact]
    public async Task Unknown_method_answers_unimplemented()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(Unknown, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [PeerFact]
    public async Task Unknown_service_answers_unimplemented()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(UnknownService, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [PeerFact]
    public async Task Three_hundred_concurrent_calls_all_complete()
    {
        var calls = Enumerable.Range(0, 300)
            .Select(i => Channel.UnaryAsync(Echo, new EchoRequest { Text = $"c{i}" }))
            .ToList();

        var replies = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"c{i}"), replies.Select(r => r.Text));
    }
}
