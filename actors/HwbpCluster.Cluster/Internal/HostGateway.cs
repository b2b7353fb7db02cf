using Akka.Actor;
using HwbpCluster.Cluster.Wire;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>This node's local hosts as other nodes reach them: <c>/user/hosts</c>, one per incarnation, serving calls concurrently.</summary>
/// <remarks>
/// Each <see cref="HostCall"/> runs as its own task against the local <see cref="IHwbpHost"/> (the host actors serialize what
/// must be serialized) and the reply goes back to the asker; session-scoped calls first extend the session's lease.
/// </remarks>
internal sealed partial class HostGateway : ReceiveActor
{
    /// <summary>The gateway's name under /user.</summary>
    public const string Name = "hosts";

    private readonly IReadOnlyDictionary<string, IHwbpHost> hosts;
    private readonly RemoteLeases leases;
    private readonly TimeSpan leaseGrace;
    private readonly GatewayFeeds feeds;
    private readonly Outbox<IActorRef, TaggedReply> replies =
        new((caller, batch) => caller.Tell(new TaggedReplies { Replies = { batch } }, ActorRefs.NoSender), r => r.CalculateSize());

    public HostGateway(IReadOnlyDictionary<string, IHwbpHost> hosts, RemoteLeases leases, GatewayFeeds feeds, TimeSpan leaseGrace)
    {
        this.feeds = feeds;
        this.hosts = hosts;
        this.leases = leases;
        this.leaseGrace = leaseGrace;
        Receive<HostCall>(call => ServeAsync(call).PipeTo(Sender));
        Receive<HostCalls>(batch => ServeAllAsync(batch).PipeTo(Sender));
        Receive<TaggedCalls>(batch => ServeTagged(batch, Sender));
        Receive<RenewLeases>(renew => leases.Renew(renew.SessionIds, Lease(renew.LeaseMs)));
        ReceiveFeeds();
    }

    public static Props Props(IReadOnlyDictionary<string, IHwbpHost> hosts, RemoteLeases leases, GatewayFeeds feeds, TimeSpan leaseGrace) =>
        Akka.Actor.Props.Create(() => new HostGateway(hosts, leases, feeds, leaseGrace));

    private TimeSpan Lease(uint ttlMs) => TimeSpan.FromMilliseconds(ttlMs) + leaseGrace;

    private async Task<HostReplies> ServeAllAsync(HostCalls batch) =>
        new() { Replies = { await Task.WhenAll(batch.Calls.Select(ServeAsync)) } };

    // Each call runs on its own; its reply joins the others to the same caller that complete before the outbox drains.
    private void ServeTagged(TaggedCalls batch, IActorRef caller)
    {
        foreach (var tagged in batch.Calls)
        {
            _ = ReplyAsync(tagged.Id, ServeAsync(tagged.Call));
        }

        async Task ReplyAsync(ulong id, Task<HostReply> serving)
        {
            TaggedReply reply;
            try
            {
                reply = new TaggedReply { Id = id, Reply = await serving };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                reply = new TaggedReply { Id = id, InternalError = $"{ex.GetType().Name}: {ex.Message}" };
            }

            replies.Post(caller, reply);
        }
    }

    private async Task<HostReply> ServeAsync(HostCall call)
    {
        try
        {
            if (!hosts.TryGetValue(call.Host, out var host))
            {
                throw new HostException(HostError.NotFound, $"host '{call.Host}' is not served by this node");
            }

            if (call.Session is { } session)
            {
                await leases.TouchAsync(host, Codec.FromWire(session), Lease(session.LeaseMs), CancellationToken.None);
            }

            return await DispatchAsync(host, call);
        }
        catch (HostException ex)
        {
            return new HostReply { Failure = Codec.ToWire(ex) };
        }
    }

    private async Task<HostReply> DispatchAsync(IHwbpHost host, HostCall call)
    {
        var sessionId = call.Session?.Id ?? string.Empty;
        switch (call.CallCase)
        {
            case HostCall.CallOneofCase.Describe:
                return new HostReply { Description = Codec.ToWire(host.Description) };
            case HostCall.CallOneofCase.Close:
                leases.Forget(sessionId, host.Name);
                return new HostReply { Released = await host.CloseSessionAsync(sessionId, call.Close.Reason) };
            case HostCall.CallOneofCase.Reserve:
                return new HostReply { Reservation = Codec.ToWire(await host.ReserveAsync(sessionId, Codec.FromWire(call.Reserve))) };
            case HostCall.CallOneofCase.Prepare:
                var hold = TimeSpan.FromMilliseconds(call.Prepare.HoldMs);
                return new HostReply { Reservation = Codec.ToWire(await host.PrepareAsync(sessionId, Codec.FromWire(call.Prepare.Reserve), hold)) };
            case HostCall.CallOneofCase.Commit:
                return new HostReply { Reservation = Codec.ToWire(await host.CommitAsync(sessionId, call.Commit.ReservationId)) };
            case HostCall.CallOneofCase.Abort:
                return new HostReply { Done = await host.AbortAsync(sessionId, call.Abort.ReservationId) };
            case HostCall.CallOneofCase.Modify:
                var modified = await host.ModifyAsync(sessionId, call.Modify.ReservationId, Codec.FromWire(call.Modify.Spec));
                return new HostReply { Reservation = Codec.ToWire(modified) };
            case HostCall.CallOneofCase.Release:
                await host.ReleaseAsync(sessionId, call.Release.ReservationId);
                return new HostReply { Done = true };
            case HostCall.CallOneofCase.List:
                var list = await host.ListReservationsAsync(call.List.All ? null : call.List.SessionId);
                return new HostReply { Reservations = new Reservations { Items = { list.Select(Codec.ToWire) } } };
            case HostCall.CallOneofCase.State:
                return new HostReply { State = Codec.ToWire(await host.GetStateAsync()) };
            case HostCall.CallOneofCase.EnterGuest:
                var guest = call.EnterGuest.GuestBreakpoints.Select(Codec.FromWire).ToArray();
                return new HostReply { Ids = new Ids { Items = { await host.EnterGuestAsync(sessionId, call.EnterGuest.Cpu, guest) } } };
            case HostCall.CallOneofCase.ExitGuest:
                return new HostReply { Ids = new Ids { Items = { await host.ExitGuestAsync(sessionId, call.ExitGuest.Cpu) } } };
            default:
                throw new HostException(HostError.InvalidArgument, $"host call {call.CallCase} is not one this node knows");
        }
    }
}
