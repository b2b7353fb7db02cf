using Akka.Actor;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Plugs <see cref="DowningActor"/> into Akka.Cluster (<c>akka.cluster.downing-provider-class</c>).</summary>
/// <remarks>Akka creates it by reflection with this constructor.</remarks>
internal sealed class MajorityDowningProvider(ActorSystem system, Akka.Cluster.Cluster cluster) : Akka.Cluster.IDowningProvider
{
    /// <inheritdoc/>
    public TimeSpan DownRemovalMargin => TimeSpan.Zero;

    /// <inheritdoc/>
    public Props DowningActorProps =>
        Props.Create(() => new DowningActor(cluster, system.Settings.Config.GetTimeSpan("akka.cluster.hwbp-downing.stable-after", null, false)));
}
