namespace HwbpCluster.Rpc;

/// <summary>Writes a stream of request messages from a client, then completes it.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IClientStreamWriter<in T>
{
    /// <summary>Writes and flushes one message; one write at a time.</summary>
    /// <exception cref="RpcException">The call failed; carries its status when known.</exception>
    /// <exception cref="InvalidOperationException">The stream was completed, or the call already ended with OK.</exception>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Ends the request stream (END_STREAM); the call goes on until the response ends.</summary>
    Task CompleteAsync();
}
