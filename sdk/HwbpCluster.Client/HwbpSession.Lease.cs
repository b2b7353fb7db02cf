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
                catch (RpcException ex) when (IsTransient(ex.StatusCode) && NextTickAfter(sent) < LeaseExpiresAt)
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

    // The timer keeps its own schedule: the next tick is one interval after this one, or at once if the failed call took
    // longer than that. (Judged from when the failure is noticed instead, a slow failure would give up a lease that the
    // next tick could still renew.)
    private DateTimeOffset NextTickAfter(DateTimeOffset tick)
    {
        DateTimeOffset next = tick + RenewInterval(Ttl);
        DateTimeOffset now = client.Time.GetUtcNow();
        return next > now ? next : now;
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
}
