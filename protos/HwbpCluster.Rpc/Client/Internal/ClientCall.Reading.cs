using System.Buffers;
using System.Net;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>Reading the response: headers (maybe Trailers-Only), framed messages, trailers.</summary>
internal sealed partial class ClientCall<TResponse>
{
    private readonly byte[] frameHeader = new byte[GrpcProtocol.FrameHeaderSize];
    private Stream? body;

    /// <summary>Reads the next message, or returns false at the end with an OK status.</summary>
    /// <exception cref="RpcException">The call failed or ended with a non-OK status.</exception>
    public async ValueTask<(bool Read, TResponse? Message)> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var message = await ResponseTask;
        if (FinalStatus is { } known)
        {
            return known.StatusCode == StatusCode.OK ? (false, default) : throw new RpcException(known, trailers);
        }

        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callSource.Token)
            : null;
        var token = linked?.Token ?? callSource.Token;
        try
        {
            body ??= await message.Content.ReadAsStreamAsync(token);
            var read = await body.ReadAtLeastAsync(frameHeader, frameHeader.Length, throwOnEndOfStream: false, token);
            if (read == 0)
            {
                var ended = Finish(ReadStatus(message.TrailingHeaders), MetadataCodec.FromHeaders(message.TrailingHeaders));
                return ended.StatusCode == StatusCode.OK ? (false, default) : throw ended;
            }

            if (read < frameHeader.Length)
            {
                throw new RpcException(StatusCode.Internal, "Incomplete message: the response ended inside a frame header.");
            }

            var length = MessageFraming.ReadHeader(frameHeader, channel.MaxReceiveMessageSize);
            var payload = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                await body.ReadExactlyAsync(payload.AsMemory(0, length), token);
                return (true, MessageFraming.Parse(parser, new ReadOnlySequence<byte>(payload, 0, length)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
            }
        }
        catch (RpcException ex)
        {
            throw Finish(ex.Status, ex.Trailers);
        }
        catch (EndOfStreamException)
        {
            throw Finish(new Status(StatusCode.Internal, "Incomplete message: the response ended inside a frame."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !callSource.IsCancellationRequested)
        {
            throw Finish(new Status(StatusCode.Cancelled, "Read cancelled."));
        }
        catch (Exception ex)
        {
            throw Map(ex);
        }
    }

    private void ReadResponseHeaders(HttpResponseMessage message)
    {
        var headers = MetadataCodec.FromHeaders(message.Headers);
        ResponseHeaders = headers;
        if (message.StatusCode != HttpStatusCode.OK)
        {
            throw Finish(new Status(FromHttpStatus(message.StatusCode), $"Bad gRPC response. HTTP status code: {(int)message.StatusCode}"));
        }

        // Trailers-Only: the status came in the headers and there is no body.
        if (message.Headers.Contains(GrpcProtocol.StatusHeader))
        {
            // The custom metadata read above doubles as the trailers.
            Finish(ReadStatus(message.Headers), headers);
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(message.Content.Headers.ContentType?.MediaType))
        {
            throw Finish(new Status(StatusCode.Internal, $"Bad gRPC response. Content-Type '{message.Content.Headers.ContentType}'."));
        }
    }
}
