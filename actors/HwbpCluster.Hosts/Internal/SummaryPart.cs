using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What a plan asks of the host's summary ledger: at most one increase, and decreases applied at commit.</summary>
internal sealed record SummaryPart(SummaryChange? Increase, SummaryChange[] Decreases)
{
    /// <summary>The task's counts leave the summary for the CPU ledgers (given back here at commit): the summary counts the task
    /// as moved out until it says it counts nothing (<see cref="CpuMsg.MovedBack"/>), and decides no CPU-bound plan alone meanwhile.</summary>
    public bool MovesOut { get; init; }

    public static SummaryPart Up(SummaryChange increase) => new(increase, []);

    public static SummaryPart Down(params SummaryChange[] decreases) => new(null, decreases);
}
