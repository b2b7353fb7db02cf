using HwbpCluster.Hosts.Tests.Support.Seeded;
using HwbpCluster.Hosts.Internal;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>Records each operation's linearization point: the deterministic step (and order within it) at which its outcome was decided.</summary>
internal sealed class RecordingProbe : IHostProbe
{
    private long _sequence;

    public SeededSystem? System { get; set; }

    public List<(Linearization Operation, bool Succeeded, long Step, long Sequence)> Points { get; } = [];

    /// <summary>Prepares that waited for another request's decision, over the probe's life.</summary>
    public long Parks { get; private set; }

    public void Parked(int cpu) => Parks++;

    public void Linearized(Linearization operation, bool succeeded) =>
        Points.Add((operation, succeeded, System?.StepCount ?? 0, ++_sequence));
}
