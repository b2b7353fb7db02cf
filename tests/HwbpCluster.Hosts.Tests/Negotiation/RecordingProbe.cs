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

    /// <summary>Of those, prepares that waited in the summary ledger.</summary>
    public long SummaryParks { get; private set; }

    /// <summary>Uniform tasks whose counts moved from the summary into the CPU ledgers.</summary>
    public long Moves { get; private set; }

    /// <summary>CPU-bound plans the summary decided alone.</summary>
    public long Alone { get; private set; }

    /// <summary>CPU-bound plans the summary let run on the CPUs too (a task counted there, or another such plan under way).</summary>
    public long OnCpus { get; private set; }

    public void Routed(bool alone)
    {
        Alone += alone ? 1 : 0;
        OnCpus += alone ? 0 : 1;
    }

    public void Parked(int cpu)
    {
        Parks++;
        SummaryParks += cpu < 0 ? 1 : 0;
    }

    public void Moved(long tid) => Moves++;

    public void Linearized(Linearization operation, bool succeeded) =>
        Points.Add((operation, succeeded, System?.StepCount ?? 0, ++_sequence));
}
