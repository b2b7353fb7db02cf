using HwbpCluster.Cluster.Internal;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster;

/// <summary>Members and hosts across the cluster.</summary>
public sealed partial class ClusterNode
{
    /// <summary>Every member this node knows, oldest first, with its status and this node's view of its reachability.</summary>
    public IReadOnlyList<ClusterMember> Members()
    {
        var incarnation = current;
        var self = incarnation.Cluster.SelfUniqueAddress;
        return [.. incarnation.Directory.Members
            .OrderBy(m => m.Member, Akka.Cluster.Member.AgeOrdering)
            .Select(m => new ClusterMember(
                m.Roles.Node, m.Roles.GrpcAddress, m.Member.Address.ToString(), m.Member.Status.ToString(), incarnation.Reaches(m.Member),
                [.. m.Roles.Hosts.Select(h => h.Name)], m.Roles.Labels, m.Member.UniqueAddress == self, m.Member.UniqueAddress.Uid))];
    }

    /// <summary>The host named <paramref name="name"/>: this node's own, or another member's (forwarded).</summary>
    public bool TryResolve(string name, out IHwbpHost host)
    {
        if (local.TryGetValue(name, out host!))
        {
            return true;
        }

        if (current.Directory.Owners.TryGetValue(name, out var owner))
        {
            host = new RemoteHost(owner, calls);
            return true;
        }

        return false;
    }

    /// <summary>Every host in the cluster, this node's first (in its order), then the others' by name.</summary>
    public IReadOnlyList<ClusterHost> Hosts()
    {
        var incarnation = current;
        var self = incarnation.Cluster.SelfUniqueAddress;
        var ours = local.Values.Select(h => new ClusterHost(h, options.NodeName, options.Labels, Reachable: true));
        var theirs = incarnation.Directory.Owners.Values
            .Where(o => o.Member.UniqueAddress != self && !local.ContainsKey(o.Description.Name))
            .OrderBy(o => o.Description.Name, StringComparer.Ordinal)
            .Select(o => new ClusterHost(new RemoteHost(o, calls), o.Node, o.Labels, incarnation.Reaches(o.Member)));
        return [.. ours, .. theirs];
    }

    /// <summary>A session opened on this node: other nodes' hosts lease it from now on, for <paramref name="ttl"/> per renewal.</summary>
    public void SessionOpened(SessionInfo session, TimeSpan ttl) => calls.Sessions.Track(session, ttl);

    /// <summary>The session's lease was renewed here: renew it on every other node's host that holds something of it.</summary>
    public void SessionRenewed(string sessionId)
    {
        if (!calls.Sessions.TryGetValue(sessionId, out var origin))
        {
            return;
        }

        var incarnation = current;
        var renew = (uint)origin.Ttl.TotalMilliseconds;
        foreach (var present in origin.Present)
        {
            var (host, owner) = (present.Key, present.Value);
            var renewal = new Wire.RenewLeases { Host = host, SessionIds = { sessionId }, LeaseMs = renew };
            ClusterCalls.Gateway(incarnation, owner).Tell(renewal, Akka.Actor.ActorRefs.NoSender);
        }
    }

    /// <summary>The session ended here: close it on every other node's host that holds something of it; returns what they released.</summary>
    /// <remarks>
    /// Waits at most <see cref="ClusterNodeOptions.SessionCloseWait"/>, counting what the hosts that answered by then released:
    /// a host that cannot be reached, or answers later, releases by itself when the lease runs out (TTL + grace), so the
    /// client's CloseSession never waits on a node in trouble.
    /// </remarks>
    public async Task<int> SessionEndedAsync(string sessionId, string reason)
    {
        if (!calls.Sessions.TryGetValue(sessionId, out var origin))
        {
            return 0;
        }

        var closes = origin.Present.Values.Select(owner => CloseRemoteAsync(owner, sessionId, reason)).ToList();
        var all = Task.WhenAll(closes);
        _ = all.ContinueWith(_ => calls.Sessions.Remove(sessionId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        await Task.WhenAny(all, Task.Delay(options.SessionCloseWait));
        return closes.Where(c => c.IsCompletedSuccessfully).Sum(c => c.Result);
    }

    // Any refusal (unreachable, gone, timed out) leaves the host's lease to release it.
    private async Task<int> CloseRemoteAsync(HostOwner owner, string sessionId, string reason)
    {
        try
        {
            return await new RemoteHost(owner, calls).CloseSessionAsync(sessionId, reason, CancellationToken.None);
        }
        catch (HostException)
        {
            return 0;
        }
    }
}
