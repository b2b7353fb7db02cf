using System.Collections.Concurrent;
using Akka.Actor;
using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>
/// One incarnation's single host calls to other nodes' gateways: coalesced per gateway (<see cref="Outbox{TTo, T}"/>) and answered
/// by id to one long-lived reply actor, instead of an Ask (a temporary actor, a timer) and a remote message each.
/// </summary>
internal sealed class CallChannel
{
    /// <summary>The reply actor's name under /user.</summary>
    public const string ReplyActorName = "call-replies";

    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<TaggedReply>> pending = new();
    private readonly Outbox<IActorRef, TaggedCall> outbox;
    private readonly IActorRef replies;
    private long nextId;

    public CallChannel(ActorSystem system)
    {
        replies = system.ActorOf(Akka.Actor.Props.Create(() => new ReplyActor(pending)), ReplyActorName);
        outbox = new Outbox<IActorRef, TaggedCall>((gateway, calls) => gateway.Tell(new TaggedCalls { Calls = { calls } }, replies), c => c.CalculateSize());
    }

    /// <summary>Sends <paramref name="call"/> to <paramref name="gateway"/> and waits for its reply.</summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task<HostReply> CallAsync(IActorRef gateway, HostCall call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = (ulong)Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<TaggedReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        try
        {
            outbox.Post(gateway, new TaggedCall { Id = id, Call = call });
            var tagged = await reply.Task.WaitAsync(timeout, cancellationToken);
            return tagged.InternalError.Length > 0
                ? throw new InvalidOperationException($"the owning node failed the call: {tagged.InternalError}")
                : tagged.Reply;
        }
        finally
        {
            // A reply after the caller gave up finds nothing and is dropped.
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Completes each waiting call with its reply; it only hands results over, so one actor serves every call.</summary>
    private sealed class ReplyActor : ReceiveActor
    {
        public ReplyActor(ConcurrentDictionary<ulong, TaskCompletionSource<TaggedReply>> pending) =>
            Receive<TaggedReplies>(batch =>
            {
                foreach (var reply in batch.Replies)
                {
                    if (pending.TryGetValue(reply.Id, out var waiting))
                    {
                        waiting.TrySetResult(reply);
                    }
                }
            });
    }
}
