namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Reads that combine each CPU's ledger with the summary's: the uniform tasks count on every CPU.</summary>
internal sealed class LedgerCensus(HostTurn turn, CpuGather gather)
{
    /// <summary>Every CPU's snapshot, its task maximum counting the summary's uniform tasks.</summary>
    public void Snapshots(Action<IReadOnlyList<CpuSnapshot>> done) =>
        turn.Host.Summary!.Tell(new CpuMsg.SummaryCounts(turn.Then<SummaryCensus>(summary =>
            gather.Gather<CpuSnapshot>(r => new CpuMsg.Snapshot(r, summary.MaxUniform), done))));

    /// <summary>Counts for model checks: each CPU's as Linux's rule sees it (its ledger merged with the summary's uniform
    /// tasks, and the summary's copy of its CPU-bound count), then one entry for the summary itself (CPU -1).</summary>
    public void Take(Action<IReadOnlyList<LedgerCounts>> done) =>
        gather.Gather<LedgerCounts>(r => new CpuMsg.Counts(r), cpus =>
            turn.Host.Summary!.Tell(new CpuMsg.SummaryCounts(turn.Then<SummaryCensus>(summary => done(Merge(cpus, summary))))));

    private static List<LedgerCounts> Merge(IReadOnlyList<LedgerCounts> cpus, SummaryCensus summary)
    {
        var merged = new List<LedgerCounts>(cpus.Count + 1);
        foreach (var cpu in cpus)
        {
            var c = cpu.Cpu;
            merged.Add(cpu with
            {
                MaxTask = [Math.Max(cpu.MaxTask[0], summary.MaxUniform[0]), Math.Max(cpu.MaxTask[1], summary.MaxUniform[1])],
                ProjectedWorstCase =
                [
                    Math.Max(cpu.ProjectedWorstCase[0], summary.ProjectedWorstCase[0][c]),
                    Math.Max(cpu.ProjectedWorstCase[1], summary.ProjectedWorstCase[1][c]),
                ],
                SummaryCpuPinned = [summary.CpuPinned[0][c], summary.CpuPinned[1][c]],
            });
        }

        merged.Add(new LedgerCounts(-1, [0, 0], summary.MaxUniform, [0, 0], summary.PendingHolds, summary.Parked));
        return merged;
    }
}
