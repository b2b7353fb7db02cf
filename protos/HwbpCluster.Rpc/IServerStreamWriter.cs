namespace HwbpCluster.Rpc;

/// <summary>Writes a stream of response messages from a server handler.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Writes and flushes one message; one write at a time.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
