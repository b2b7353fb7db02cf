using System.Net;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>A request body written message by message while the response streams: HttpClient's duplex mode.</summary>
internal sealed class DuplexRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request stream, once HttpClient hands it over.</summary>
    public Task<Stream> Stream => stream.Task;

    /// <summary>Ends the request body (END_STREAM).</summary>
    public void Complete() => completion.TrySetResult();

    /// <summary>Abandons the request body.</summary>
    public void Abort()
    {
        stream.TrySetCanceled();
        completion.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Flushing now sends the request headers, so the server sees the call before the first message.
        await stream.FlushAsync(cancellationToken);
        this.stream.TrySetResult(stream);
        await completion.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
