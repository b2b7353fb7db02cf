using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>Reads framed request messages from Kestrel's request body pipe.</summary>
internal sealed class RequestStreamReader<T>(PipeReader body, MessageParser<T> parser, int maxMessageSize, CancellationToken callToken)
    : IAsyncStreamReader<T>
    where T : IMessage<T>
{
    private T? current;

    public T Current => current ?? throw new InvalidOperationException("No current message: call MoveNextAsync first.");

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : callToken;
        while (true)
        {
            var result = await body.ReadAsync(token);
            var buffer = result.Buffer;
            if (TryReadFrame(buffer, out var frame))
            {
                current = MessageFraming.Parse(parser, frame);
                body.AdvanceTo(frame.End);
                return true;
            }

            if (result.IsCompleted)
            {
                body.AdvanceTo(buffer.End);
                return buffer.Length == 0
                    ? false
                    : throw new RpcException(StatusCode.Internal, "Incomplete message: the request stream ended inside a frame.");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(token);
            }

            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryReadFrame(in ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        var length = MessageFraming.ReadHeader(header, maxMessageSize);
        if (buffer.Length < GrpcProtocol.FrameHeaderSize + length)
        {
            return false;
        }

        frame = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        return true;
    }

    /// <summary>Reads the one message of a unary or server-streaming request, and checks the stream ends there.</summary>
    public async Task<T> ReadSingleAsync()
    {
        if (!await MoveNextAsync())
        {
            throw new RpcException(StatusCode.Internal, "Missing request message.");
        }

        var message = Current;
        return await MoveNextAsync()
            ? throw new RpcException(StatusCode.Internal, "Additional data after the request message.")
            : message;
    }
}
