using System.Collections.Concurrent;
using Google.Protobuf;
using HwbpCluster.Rpc.Client;
using HwbpCluster.Rpc.Server;
using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;
using static HwbpCluster.Rpc.Tests.Infrastructure.InteropMethods;

namespace HwbpCluster.Rpc.Tests.Server;

/// <summary>Server options and hooks: interceptors, handler exceptions, limits, unbound methods.</summary>
public sealed class ServerBehaviourTests
{
    [Fact]
    public async Task Interceptor_rejects_a_call_without_the_bearer_token_before_the_handler_runs()
    {
        var handled = 0;
        await using var server = await KestrelGrpcServer.StartAsync(
            options => options.Interceptors.Add(RequireBearer("s3cret")),
            service => binder => binder.Unary<EchoRequest, EchoReply>("Echo", (r, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.FromResult(new EchoReply { Text = r.Text });
            }));
        await using var channel = GrpcChannel.ForAddress(server.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo, new EchoRequest()));
        var reply = await channel.UnaryAsync(Echo, new EchoRequest { Text = "in" }, new CallOptions(new Metadata().Add("authorization", "Bearer s3cret")));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal("in", reply.Text);
        Assert.Equal(1, handled);
    }

    [Fact]
    public async Task Interceptor_sees_the_method_path_and_the_status_the_client_gets()
    {
        var outcomes = new ConcurrentQueue<(string Method, StatusCode Code)>();
        await using var server = await KestrelGrpcServer.StartAsync(options => options.Interceptors.Add(async (context, next) =>
        {
            try
            {
                await next();
                outcomes.Enqueue((context.Method, StatusCode.OK));
            }
            catch (RpcException ex)
            {
                outcomes.Enqueue((context.Method, ex.StatusCode));
                throw;
            }
        }));
        await using var channel = GrpcChannel.ForAddress(server.Address);

        await channel.UnaryAsync(Echo, new EchoRequest());
        await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Fail, new EchoRequest { StatusCode = (int)StatusCode.NotFound }));
        await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Fail, new EchoRequest { StatusCode = -1 }));

        Assert.Equal(
            [
                ("/interop.v1.Interop/Echo", StatusCode.OK),
                ("/interop.v1.Interop/Fail", StatusCode.NotFound),
                ("/interop.v1.Interop/Fail", StatusCode.Unknown),
            ],
            outcomes.ToArray());
    }

    [Fact]
    public async Task Handler_exception_becomes_unknown_without_its_details()
    {
        await using var server = await KestrelGrpcServer.StartAsync();
        await using var channel = GrpcChannel.ForAddress(server.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Fail, new EchoRequest { StatusCode = -1, StatusMessage = "secret" }));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Detail, StringComparison.Ordinal);
        Assert.Contains(server.ErrorLogs.Errors, e => e.Contains("/interop.v1.Interop/Fail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handler_exception_details_are_sent_when_detailed_errors_are_enabled()
    {
        await using var server = await KestrelGrpcServer.StartAsync(options => options.EnableDetailedErrors = true);
        await using var channel = GrpcChannel.ForAddress(server.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Fail, new EchoRequest { StatusCode = -1, StatusMessage = "secret" }));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("secret", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_limit_is_configurable()
    {
        await using var server = await KestrelGrpcServer.StartAsync(options => options.MaxReceiveMessageSize = 1024);
        await using var channel = GrpcChannel.ForAddress(server.Address);

        var small = await channel.UnaryAsync(Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[1000]) });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2000]) }));

        Assert.Equal(1000, small.Payload.Length);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Method_the_service_declares_but_nobody_bound_is_unimplemented()
    {
        await using var server = await KestrelGrpcServer.StartAsync(bind: _ => binder => binder.Unary<Empty, Empty>("Ping", (e, _) => Task.FromResult(e)));
        await using var channel = GrpcChannel.ForAddress(server.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal(new Empty(), await channel.UnaryAsync(Ping, new Empty()));
    }

    [Fact]
    public async Task Handler_sends_response_headers_before_its_first_message()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await KestrelGrpcServer.StartAsync(bind: _ => binder => binder.ServerStreaming<EchoRequest, EchoReply>(
            "Stream",
            async (request, writer, context) =>
            {
                context.ResponseHeaders.Add("x-early", "yes");
                await context.WriteResponseHeadersAsync();
                await release.Task.WaitAsync(context.CancellationToken);
                await writer.WriteAsync(new EchoReply { Text = "late" });
            }));
        await using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.ServerStreaming(StreamReplies, new EchoRequest());

        var headers = await call.ResponseHeadersAsync;
        release.SetResult();

        Assert.Equal("yes", headers.GetValue("x-early"));
        Assert.True(await call.ResponseStream.MoveNextAsync());
        Assert.Equal("late", call.ResponseStream.Current.Text);
    }

    [Fact]
    public async Task Server_stream_handler_may_return_an_async_sequence()
    {
        await using var server = await KestrelGrpcServer.StartAsync(bind: _ => binder => binder.ServerStreaming<EchoRequest, EchoReply>(
            "Stream", (request, _) => Enumerable.Range(0, request.Count).Select(i => new EchoReply { Index = i }).ToAsyncEnumerable()));
        await using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.ServerStreaming(StreamReplies, new EchoRequest { Count = 3 });

        var replies = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal([0, 1, 2], replies.Select(r => r.Index));
    }

    private static ServerCallInterceptor RequireBearer(string token) => (context, next) =>
        context.RequestHeaders.GetValue("authorization") == $"Bearer {token}"
            ? next()
            : throw new RpcException(StatusCode.Unauthenticated, "A bearer token is required.");
}
