using System.Collections.Concurrent;
using Akka.Actor;

namespace HwbpCluster.Cluster.Internal;

/// <summary>A token per member address, cancelled when that member becomes unreachable or leaves: calls in flight to it fail at once.</summary>
internal sealed class OwnerTokens
{
    private readonly ConcurrentDictionary<Address, CancellationTokenSource> byAddress = new();

    /// <summary>The token for calls to <paramref name="address"/>; a fresh one after the member was lost and came back.</summary>
    public CancellationToken For(Address address) => byAddress.GetOrAdd(address, _ => new CancellationTokenSource()).Token;

    /// <summary>Ends every call in flight to <paramref name="address"/>.</summary>
    public void Lost(Address address)
    {
        if (byAddress.TryRemove(address, out var source))
        {
            source.Cancel();
            source.Dispose();
        }
    }

    /// <summary>Ends every call in flight (the incarnation is going).</summary>
    public void LoseAll()
    {
        foreach (var address in byAddress.Keys)
        {
            Lost(address);
        }
    }
}
