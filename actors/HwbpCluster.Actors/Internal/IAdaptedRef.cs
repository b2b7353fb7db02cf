namespace HwbpCluster.Actors.Internal;

/// <summary>An address that forwards to another; stop and watch act on the target.</summary>
internal interface IAdaptedRef
{
    IActorRef Target { get; }
}
