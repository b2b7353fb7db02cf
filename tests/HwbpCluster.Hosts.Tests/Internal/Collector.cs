using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Tests.Internal;

/// <summary>An actor that keeps every message it gets, in order (deterministic system only: one thread).</summary>
internal sealed class Collector<T>(List<T> into) : Actor<T>
{
    protected internal override void Receive(T message) => into.Add(message);
}
