namespace HwbpCluster.Actors.Internal;

/// <summary>Lifecycle messages between cells; they overtake user messages in a mailbox.</summary>
internal enum SystemMessageKind
{
    Create,
    Stop,
    Resume,
    Recreate,
    Failed,
    ChildTerminated,
    Watch,
    Unwatch,
    WatchedTerminated,
}
