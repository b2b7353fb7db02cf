using System.Net;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>The body of a call with a single request message, already framed.</summary>
internal sealed class UnaryRequestContent(byte[] framed) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(framed).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(framed, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = framed.Length;
        return true;
    }
}
