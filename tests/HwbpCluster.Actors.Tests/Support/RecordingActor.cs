namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Appends every message to a recorder.</summary>
internal sealed class RecordingActor<T>(Recorder<T> recorder) : Actor<T>
{
    protected override void Receive(T message) => recorder.Add(message);
}
