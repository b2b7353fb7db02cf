using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>Lease renewal in the background.</summary>
public sealed partial class HwbpSession
{
    /// <summary>Raised after each successful renewal, on the renewal's thread, with the new expiry by the client's clock.</summary>
    /// <remarks>Handlers must be quick and must not throw: an exception stops renewal and resurfaces from close and dispose.</remarks>
    public event EventHandler<DateTimeOffset>? LeaseRenewed;

    private async Task RenewAsync()
    {
        try
        {
            while (await renewTimer.WaitForNextTickAsync(stopping.Token))
            {
                var sent = client.Time.GetUtcNow();
                try
                {
                    var renewed = await client.KeepAliveAsync(new KeepAliveRequest { SessionId = Id }, stopping.Token);
                    Ttl = TimeSpan.FromMilliseconds(renewed.TtlMs);
                    LeaseExpiresAt = sent + Ttl;
                    LeaseRenewed?.Invoke(this, LeaseExpiresAt);
                }
                catch (RpcException ex) when (IsTransient(ex.StatusCode) && client.Time.GetUtcNow() + RenewInterval(Ttl) < LeaseExpiresAt)
                {
                    // The next tick still comes before the lease can run out on the node: try again then.
                }
                catch (RpcException ex)
                {
                    LeaseFailure = ex;
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Closing or disposing: renewal is no longer wanted.
        }
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
}
