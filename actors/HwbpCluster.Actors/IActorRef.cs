namespace HwbpCluster.Actors;

/// <summary>An address of an actor, whatever messages it takes; used for stopping and death watch.</summary>
public interface IActorRef
{
    /// <summary>The actor's path, unique among live actors of its system (e.g. <c>/user/host/cpu-3</c>).</summary>
    string Path { get; }
}
