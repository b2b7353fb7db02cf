using Google.Protobuf;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Server.Internal;

/// <summary>Writes framed response messages to Kestrel's body pipe, flushing each for streams.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCallContext context) : IServerStreamWriter<T>
    where T : IMessage<T>
{
    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        Write(message);
        var token = cancellationToken.CanBeCanceled ? cancellationToken : context.CancellationToken;
        await context.HttpContext.Response.BodyWriter.FlushAsync(token);
    }

    /// <summary>Buffers one message without flushing: unary replies go out with the trailers.</summary>
    public void Write(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        context.CancellationToken.ThrowIfCancellationRequested();
        context.MarkMessageWritten();
        MessageFraming.Write(context.HttpContext.Response.BodyWriter, message);
    }
}
