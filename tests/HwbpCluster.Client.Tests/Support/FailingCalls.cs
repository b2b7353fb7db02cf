using System.Net.Sockets;

namespace HwbpCluster.Client.Tests.Support;

/// <summary>An HTTP handler that makes the next <see cref="FailNext"/> calls of one method fail as if the node were unreachable.</summary>
/// <param name="path">The method's path, e.g. /hwbp.v1.Arbiter/KeepAlive.</param>
internal sealed class FailingCalls(string path) : DelegatingHandler(new SocketsHttpHandler())
{
    private int toFail;
    private int attempts;
    private TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task hold = Task.CompletedTask;

    /// <summary>Completes when the last call meant to fail has failed.</summary>
    public Task Failed => failed.Task;

    /// <summary>How many times the method was sent, failed or not (each retry counts).</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>Fails the next <paramref name="calls"/> sends; the last one's failure reaches its caller only once
    /// <paramref name="holdLast"/> completes (at once without it), so a test can order it after its own next step.</summary>
    public void FailNext(int calls, Task? holdLast = null)
    {
        failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hold = holdLast ?? Task.CompletedTask;
        Volatile.Write(ref toFail, calls);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath != path)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref attempts);
        if (Interlocked.Decrement(ref toFail) >= 0)
        {
            if (Volatile.Read(ref toFail) == 0)
            {
                failed.TrySetResult();
                await hold.WaitAsync(cancellationToken);
            }

            throw new HttpRequestException("connection refused (test)", new SocketException((int)SocketError.ConnectionRefused));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
