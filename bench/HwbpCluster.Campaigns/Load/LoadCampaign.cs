using HwbpCluster.Campaigns.Proc;
using HwbpCluster.Load;

namespace HwbpCluster.Campaigns.Load;

/// <summary>
/// The load campaign: a cluster of real node processes, many watched sessions cycling for a while through the load tool's
/// runner, then every session closed. Passes when no call failed, every release was seen on its session's watch, no node
/// lists a reservation, and each node's RSS came back within <see cref="RssTolerance"/> of its start.
/// </summary>
/// <remarks>
/// The start is measured after a warm-up round (the same load for the same time, then every session closed): a node's
/// first load JITs code and sizes its thread pool and buffer pools for that load, and keeps them, which is not a leak;
/// what must not stay is what a second, equal round adds on top. Both readings wait the same settling time.
/// </remarks>
public sealed class LoadCampaign(
    int nodeCount, int sessionCount, TimeSpan duration, TextWriter output, TimeSpan hold = default, TimeSpan? settle = null)
{
    /// <summary>How far above its start a node's RSS may settle once the load is gone.</summary>
    public const double RssTolerance = 0.10;

    /// <summary>The default wait before each memory reading: longer than the nodes' default <c>--idle-collect-seconds</c>
    /// (10), so that each reading is of a node that has gone quiet and given back what the round left behind, as a node on
    /// a real host does between bursts.</summary>
    public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromSeconds(15);

    private readonly TimeSpan _settle = settle ?? DefaultSettleTime;

    /// <summary>Runs the campaign; returns every failed check, empty when it passed.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var memory = new List<string>();
        await using var scenario = new ClusterSessionsScenario(nodeCount, sessionCount);
        await scenario.SetupAsync(cancellationToken);
        var pids = scenario.Nodes.Select(n => n.Id).ToArray();
        var cold = pids.Select(ProcStats.RssBytes).ToArray();
        await output.WriteLineAsync($"{nodeCount} nodes Up (pids {string.Join(", ", pids)}), RSS {Mb(cold)}");

        var warmup = duration;
        await scenario.OpenSessionsAsync(cancellationToken);
        await LoadRunner.RunAsync(scenario, sessionCount, TimeSpan.Zero, warmup, cancellationToken);
        await scenario.CloseSessionsAsync(cancellationToken);
        var before = await SettledRssAsync(pids, cancellationToken);
        await output.WriteLineAsync($"after a {warmup.TotalSeconds:0} s warm-up round, sessions closed: RSS {Mb(before)} (the start)");

        await scenario.OpenSessionsAsync(cancellationToken);
        var result = await LoadRunner.RunAsync(scenario, sessionCount, TimeSpan.Zero, duration, cancellationToken);
        var peak = pids.Select(ProcStats.RssBytes).ToArray();
        var (made, unseen) = await scenario.CloseSessionsAsync(cancellationToken);
        var left = await scenario.ReservationsLeftAsync(cancellationToken);
        var after = await SettledRssAsync(pids, cancellationToken);

        await output.WriteLineAsync($"{scenario.Name} for {duration.TotalSeconds:0} s: {result.Calls} cycles ({result.CallsPerSecond:0}/s, " +
            $"each Reserve+KeepAlive+Release), p50 {result.P50.TotalMilliseconds:0.0} ms, p99 {result.P99.TotalMilliseconds:0.0} ms");
        await output.WriteLineAsync($"reservations made {made}, releases not seen on a watch {unseen}, left listed per node {string.Join("/", left)}; " +
            $"failed calls {result.Errors} {string.Join(" ", scenario.Unexpected.Select(u => $"{u.Key}={u.Value}"))}");
        await output.WriteLineAsync($"RSS at the start {Mb(before)}, at the end of the load {Mb(peak)}, after closing {Mb(after)}");

        if (result.Errors > 0 || scenario.Unexpected.Count > 0)
        {
            failures.Add($"calls failed: {string.Join(", ", scenario.Unexpected.Select(u => $"{u.Key} x{u.Value}"))}");
        }

        if (unseen > 0)
        {
            failures.Add($"{unseen} releases never shown on the session's watch (nor counted as dropped)");
        }

        if (left.Any(n => n > 0))
        {
            failures.Add($"reservations left after every session closed: {string.Join("/", left)} listed per node");
        }

        for (var i = 0; i < pids.Length; i++)
        {
            if (after[i] > before[i] * (1 + RssTolerance))
            {
                memory.Add($"node n{i + 1} RSS {after[i] / 1048576.0:0.0} MB did not come back within {RssTolerance:P0} of {before[i] / 1048576.0:0.0} MB");
            }

            if (scenario.Nodes[i].HasExited)
            {
                failures.Add($"node n{i + 1} ended");
            }
        }

        if (result.Calls == 0)
        {
            failures.Add("no cycle completed");
        }

        var report = new LoadReport(failures, memory);
        if (hold > TimeSpan.Zero)
        {
            // Idle nodes with every session closed, kept for inspection (e.g. dotnet-gcdump of what they still hold).
            await output.WriteLineAsync($"holding the nodes {hold.TotalSeconds:0} s, pids {string.Join(", ", pids)}");
            await Task.Delay(hold, cancellationToken);
        }

        await output.WriteLineAsync(report.Passed ? "PASS" : "FAIL\n" + string.Join("\n", failures.Concat(memory)));
        return report;
    }

    // The start and the end are read the same way, once the nodes have been quiet for the settling time.
    private async Task<long[]> SettledRssAsync(int[] pids, CancellationToken cancellationToken)
    {
        await Task.Delay(_settle, cancellationToken);
        return pids.Select(ProcStats.RssBytes).ToArray();
    }

    private static string Mb(long[] bytes) => string.Join("/", bytes.Select(b => $"{b / 1048576.0:0.0}")) + " MB";
}
