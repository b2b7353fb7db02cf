using System.Net.Sockets;

namespace HwbpCluster.Client.Tests.Support;

/// <summary>An HTTP handler that makes the next <see cref="FailNext"/> KeepAlive calls fail as if the node were unreachable.</summary>
internal sealed class FailingKeepAlives() : DelegatingHandler(new SocketsHttpHandler())
{
    private int toFail;
    private TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the last KeepAlive meant to fail has failed.</summary>
    public Task Failed => failed.Task;

    public void FailNext(int calls)
    {
        failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref toFail, calls);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath == "/hwbp.v1.Arbiter/KeepAlive" && Interlocked.Decrement(ref toFail) >= 0)
        {
            if (Volatile.Read(ref toFail) == 0)
            {
                failed.TrySetResult();
            }

            throw new HttpRequestException("connection refused (test)", new SocketException((int)SocketError.ConnectionRefused));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
