using Grpc.Net.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Load.Scenarios;

/// <summary>Waits until a node sees a whole cluster, so no measured call meets a host it does not know yet.</summary>
internal static class ClusterForming
{
    /// <summary>Until the node at <paramref name="url"/> lists <paramref name="members"/> members Up and reachable.</summary>
    /// <exception cref="InvalidOperationException">Not formed within <paramref name="bound"/>.</exception>
    public static async Task WaitAsync(string url, int members, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(url);
        var fleet = new Fleet.FleetClient(channel);
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            try
            {
                var listed = await fleet.ListMembersAsync(new ListMembersRequest(), cancellationToken: cancellationToken);
                if (listed.Members.Count(m => m.Status == MemberStatus.Up && m.Reachable) == members)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
                // The node is not listening yet (a process still starting).
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{url} did not see {members} members Up within {bound.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
