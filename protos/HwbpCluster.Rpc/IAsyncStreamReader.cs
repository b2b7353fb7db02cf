namespace HwbpCluster.Rpc;

/// <summary>Reads a stream of messages, one at a time.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNextAsync"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    /// <exception cref="RpcException">The call failed or ended with a non-OK status.</exception>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default);
}
