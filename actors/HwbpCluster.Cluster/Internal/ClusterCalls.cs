using Akka.Actor;
using HwbpCluster.Cluster.Wire;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Sends host calls to the owning node's gateway: fails at once, naming the node, when it is unreachable or becomes so.</summary>
internal sealed class ClusterCalls(Func<Incarnation> current, OriginSessions sessions, TimeSpan callTimeout)
{
    public OriginSessions Sessions => sessions;

    public Incarnation Current => current();

    /// <summary>The owner's gateway, addressed by path: one hop, no registry to converge.</summary>
    public static IActorRef Gateway(Incarnation incarnation, HostOwner owner) => incarnation.GatewayAt(owner.Member.Address);

    /// <summary>Throws UNAVAILABLE naming the owner's node when this incarnation does not reach it.</summary>
    public static void EnsureReachable(Incarnation incarnation, HostOwner owner)
    {
        if (!incarnation.Reaches(owner.Member))
        {
            throw Unreachable(owner, incarnation.IsMember(owner.Member) ? "is unreachable" : "has left the cluster");
        }
    }

    /// <summary>Asks the owner; a failure reply is thrown as the owner's <see cref="HostException"/>.</summary>
    public async Task<HostReply> AskAsync(HostOwner owner, HostCall call, TimeSpan extraWait, CancellationToken cancellationToken)
    {
        var reply = owner.TaggedCalls
            ? await CallOwnerAsync(owner, extraWait, cancellationToken, (incarnation, timeout, token) =>
                incarnation.Calls.CallAsync(Gateway(incarnation, owner), call, timeout, token))
            : await AskOwnerAsync<HostReply>(owner, call, extraWait, cancellationToken);
        return reply.ResultCase == HostReply.ResultOneofCase.Failure ? throw Codec.FromWire(reply.Failure) : reply;
    }

    /// <summary>Asks the owner's gateway for several calls in one message; each reply (failures included) in the calls' order.</summary>
    /// <exception cref="HostException">Unreachable for the whole batch when the owner is not reached.</exception>
    public async Task<IReadOnlyList<HostReply>> AskAllAsync(HostOwner owner, HostCalls calls, CancellationToken cancellationToken) =>
        (await AskOwnerAsync<HostReplies>(owner, calls, TimeSpan.Zero, cancellationToken)).Replies;

    private Task<T> AskOwnerAsync<T>(HostOwner owner, object call, TimeSpan extraWait, CancellationToken cancellationToken) =>
        CallOwnerAsync(owner, extraWait, cancellationToken, (incarnation, timeout, token) => Gateway(incarnation, owner).Ask<T>(call, timeout, token));

    // Sends through this incarnation once the owner is reachable; fails as unreachable when it stops being so or does not answer.
    private async Task<T> CallOwnerAsync<T>(
        HostOwner owner, TimeSpan extraWait, CancellationToken cancellationToken, Func<Incarnation, TimeSpan, CancellationToken, Task<T>> send)
    {
        var incarnation = current();
        EnsureReachable(incarnation, owner);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, incarnation.Owners.For(owner.Member.Address));
        try
        {
            return await send(incarnation, callTimeout + extraWait, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(owner, "became unreachable during the call");
        }
        catch (Exception ex) when (ex is AskTimeoutException or TimeoutException)
        {
            throw Unreachable(owner, $"did not answer within {(callTimeout + extraWait).TotalSeconds:0.#} s");
        }
    }

    private static HostException Unreachable(HostOwner owner, string what) =>
        new(HostError.Unreachable, $"host '{owner.Description.Name}' lives on node '{owner.Node}' ({owner.Member.Address}), which {what}");
}
