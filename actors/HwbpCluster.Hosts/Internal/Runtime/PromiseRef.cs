namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>The reply address of one request from outside the actors: the first reply completes <see cref="Task"/>.</summary>
/// <remarks>
/// Cheaper than Akka's Ask (no temporary actor, no timer of its own): the caller bounds the wait (timeout and cancellation
/// token) at the edge. In production the caller's continuation runs on the thread pool, never on an actor's turn.
/// </remarks>
internal sealed class PromiseRef<TReply>(bool synchronousContinuations) : IActorRef<TReply>
{
    private readonly TaskCompletionSource<TReply> _completion =
        new(synchronousContinuations ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TReply> Task => _completion.Task;

    public void Tell(TReply message) => _completion.TrySetResult(message);
}
