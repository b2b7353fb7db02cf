namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Watches one actor from its start and completes a task with the path once that actor has stopped.</summary>
internal sealed class SignalOnGone : Actor<string>
{
    private readonly TaskCompletionSource<string> _gone;

    public SignalOnGone(IActorRef target, TaskCompletionSource<string> gone)
    {
        _gone = gone;
        Context.Watch(target, target.Path);
    }

    protected override void Receive(string message) => _gone.TrySetResult(message);
}
