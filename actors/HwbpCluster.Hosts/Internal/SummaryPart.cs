using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What a plan asks of the host's summary ledger: at most one increase, and decreases applied at commit.</summary>
internal sealed record SummaryPart(SummaryChange? Increase, SummaryChange[] Decreases)
{
    public static SummaryPart Up(SummaryChange increase) => new(increase, []);

    public static SummaryPart Down(params SummaryChange[] decreases) => new(null, decreases);
}
