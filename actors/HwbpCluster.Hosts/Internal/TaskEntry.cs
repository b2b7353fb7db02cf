using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The host actor's entry of one task.</summary>
internal sealed class TaskEntry(TaskDescription description, IActorRef<TaskMsg> actor)
{
    public TaskDescription Description { get; } = description;

    public IActorRef<TaskMsg> Actor { get; } = actor;

    /// <summary>The CPU it runs on, or -1.</summary>
    public int RunningCpu { get; set; } = -1;
}
