namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>How a call ends: its final status (once), cancellation, deadline, disposal.</summary>
internal sealed partial class ClientCall<TResponse>
{
    /// <summary>Resets the stream if the call is still going; releases the response.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        deadlineTimer?.Dispose();
        userRegistration.Dispose();
        Finish(new Status(StatusCode.Cancelled, "Call disposed."));
        response?.Dispose();
    }

    /// <summary>The exception a failed write should surface: the call's status when it has one.</summary>
    public Exception WriteFailure(Exception? cause) => FinalStatus switch
    {
        { StatusCode: StatusCode.OK } => new InvalidOperationException("The call already ended with OK: nothing more can be written.", cause),
        { } failed => new RpcException(failed, trailers),
        null when cause is null => new RpcException(new Status(StatusCode.Cancelled, "The call ended before the request was sent.")),
        null => Map(cause!),
    };

    private void OnDeadline()
    {
        deadlineExceeded = true;
        Cancel();
    }

    private void Cancel()
    {
        try
        {
            callSource.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Cancelled as the call ended: nothing left to stop.
        }

        // Disposing the response resets a stream that is not being read.
        response?.Dispose();
    }

    /// <summary>Sets the final status if none yet, stopping the stream when it is not OK.</summary>
    private RpcException Finish(Status failure, Metadata? failureTrailers = null)
    {
        Status final;
        var first = false;
        lock (gate)
        {
            if (status is null)
            {
                status = failure;
                trailers = failureTrailers ?? new Metadata();
                first = true;
            }

            final = status.Value;
        }

        if (first)
        {
            if (final.StatusCode != StatusCode.OK)
            {
                Cancel();
            }

            // Headers and trailers are copied out: the HTTP/2 stream can go.
            response?.Dispose();
            finished.TrySetResult();
        }

        return new RpcException(final, trailers);
    }
}
