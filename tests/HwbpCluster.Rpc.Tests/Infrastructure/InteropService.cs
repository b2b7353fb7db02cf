using Google.Protobuf;
using HwbpCluster.Rpc.Server;
using HwbpCluster.Rpc.Tests.Interop;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>The C# implementation of interop.v1.Interop, on the server API under test.</summary>
public sealed class InteropService(CancellationLog cancellations)
{
    public void Bind(GrpcServiceBinder binder) => binder
        .Unary<EchoRequest, EchoReply>("Echo", Echo)
        .ServerStreaming<EchoRequest, EchoReply>("Stream", StreamAsync)
        .Unary<EchoRequest, EchoReply>("Fail", Fail)
        .Unary<EchoRequest, EchoReply>("Slow", SlowAsync)
        .Unary<EchoRequest, EchoReply>("WasCancelled", WasCancelledAsync)
        .ServerStreaming<EchoRequest, EchoReply>("EchoMetadata", EchoMetadataAsync)
        .DuplexStreaming<EchoRequest, EchoReply>("Bidi", BidiAsync)
        .ClientStreaming<EchoRequest, EchoReply>("Collect", CollectAsync)
        .Unary<Empty, Empty>("Ping", (_, _) => Task.FromResult(new Empty()));

    private static Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply
        {
            Text = request.Text,
            Payload = request.ReplySize > 0 ? ByteString.CopyFrom(new byte[request.ReplySize]) : request.Payload,
        });

    private async Task StreamAsync(EchoRequest request, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
    {
        try
        {
            for (var i = 0; i < request.Count; i++)
            {
                await writer.WriteAsync(new EchoReply { Text = request.Text, Index = i });
                if (request.DelayMs > 0)
                {
                    await Task.Delay(request.DelayMs, context.CancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            cancellations.Cancelled(request.Text);
            throw;
        }
    }

    private static Task<EchoReply> Fail(EchoRequest request, ServerCallContext context)
    {
        if (request.StatusCode < 0)
        {
            throw new InvalidOperationException(request.StatusMessage);
        }

        var trailers = new Metadata().Add("x-reason", "refused").Add("x-reason-bin", [0x00, 0x01, 0xfe]);
        throw new RpcException((StatusCode)request.StatusCode, request.StatusMessage, trailers);
    }

    private async Task<EchoReply> SlowAsync(EchoRequest request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
            return new EchoReply { Text = request.Text };
        }
        catch (OperationCanceledException)
        {
            cancellations.Cancelled(request.Text);
            throw;
        }
    }

    private async Task<EchoReply> WasCancelledAsync(EchoRequest request, ServerCallContext context) =>
        new() { Text = request.Text, Flag = await cancellations.WaitAsync(request.Text, TimeSpan.FromSeconds(5)) };

    private static async Task EchoMetadataAsync(EchoRequest request, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
    {
        context.ResponseHeaders.Add("x-header", "header value").Add("x-header-bin", [0x01, 0x02, 0x03]);
        var reply = new EchoReply { Text = request.Text };
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            reply.Metadata.Add(entry.IsBinary
                ? new MetadataPair { Key = entry.Key, Binary = ByteString.CopyFrom(entry.ValueBytes.Span) }
                : new MetadataPair { Key = entry.Key, Text = entry.Value });
        }

        await writer.WriteAsync(reply);
        context.ResponseTrailers.Add("x-trailer", "trailer value").Add("x-trailer-bin", [0xff, 0x00]);
    }

    private static async Task BidiAsync(
        IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            await writer.WriteAsync(new EchoReply { Text = request.Text, Payload = request.Payload, Index = index++ });
        }
    }

    private static async Task<EchoReply> CollectAsync(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        while (await requests.MoveNextAsync(context.CancellationToken))
        {
            texts.Add(requests.Current.Text);
        }

        return new EchoReply { Text = string.Join("+", texts), Index = texts.Count };
    }
}
