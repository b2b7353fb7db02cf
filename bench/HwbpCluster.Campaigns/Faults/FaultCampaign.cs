using System.Diagnostics;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// The fault campaign: a cluster of node processes under client load while a seeded schedule kills -9, restarts and (on a
/// network that can) cuts off and heals nodes;
/// an invariant poller reads every host all along. Passes when no view broke an invariant or showed a reservation past
/// its lease, no call got an unexpected status, the cluster came back whole, and once every session ended nothing was left.
/// </summary>
public sealed class FaultCampaign(int seed, int nodeCount, int workers, TimeSpan duration, TextWriter output, Func<int, IFaultNetwork> networkFactory)
{
    /// <summary>The sessions' lease: shorter than every fault, so each fault outlives the leases it cuts.</summary>
    public const uint LeaseMs = 3_000;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Runs the campaign.</summary>
    public async Task<FaultReport> RunAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        using var network = networkFactory(nodeCount);
        var schedule = FaultSchedule.Plan(seed, nodeCount, duration, network.CanPartition);
        await output.WriteLineAsync($"seed {seed}: {schedule.Count} steps over {duration.TotalSeconds:0} s, {workers} clients, lease {LeaseMs} ms; {network.Description}");

        await using var nodes = new FaultNodes(nodeCount, LeaseMs, network);
        await nodes.StartAllAsync(cancellationToken);
        var channels = nodes.Channels();
        try
        {
            var arbiters = channels.Select(c => new Arbiter.ArbiterClient(c)).ToList();
            var fleets = channels.Select(c => new Fleet.FleetClient(c)).ToList();
            var settled = await ClusterConvergence.WaitAsync(nodes, fleets, Bound, cancellationToken);
            await output.WriteLineAsync($"{nodeCount} nodes Up in {settled.TotalSeconds:0.0} s");

            var deadlines = new LeaseDeadlines();
            var ledger = new SessionLedger(deadlines, TimeSpan.FromMilliseconds(LeaseMs));
            var tally = new StatusTally();
            var poller = new InvariantPoller(nodes, arbiters, deadlines);
            using var stopLoad = new CancellationTokenSource();
            using var stopPolling = new CancellationTokenSource();
            var clients = Enumerable.Range(0, workers).Select(i => new FaultWorker(i, seed, nodes, arbiters, fleets, ledger, tally, LeaseMs)).ToList();
            var polling = Task.Run(() => poller.RunAsync(stopPolling.Token), CancellationToken.None);
            var load = clients.Select(c => Task.Run(() => c.RunAsync(stopLoad.Token), CancellationToken.None)).ToList();

            var clock = Stopwatch.StartNew();
            foreach (var step in schedule)
            {
                var wait = step.At - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await output.WriteLineAsync($"{step}  (at {clock.Elapsed.TotalSeconds:0.0} s)");
                await ApplyAsync(step, nodes, ledger, cancellationToken);
            }

            var rest = duration - clock.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }

            try
            {
                var whole = await ClusterConvergence.WaitAsync(nodes, fleets, Bound, cancellationToken);
                await output.WriteLineAsync($"schedule done; all {nodeCount} members Up and reachable from every node {whole.TotalSeconds:0.0} s later");
            }
            catch (TimeoutException split)
            {
                // Reported, and the safety checks still run: a split cluster must still never double-book a slot or keep a lease.
                failures.Add(split.Message);
                await output.WriteLineAsync(split.Message);
            }

            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
            var lastEnd = DateTime.UtcNow;

            // Every session is closed or abandoned: once the last lease has run out, nothing may be armed or listed anywhere.
            await Task.Delay(TimeSpan.FromMilliseconds(LeaseMs) + SessionLedger.Slack, cancellationToken);
            await stopPolling.CancelAsync();
            await polling;
            var left = await Leftovers.FindAsync(nodes, arbiters, cancellationToken);

            var granted = clients.Sum(c => c.Granted);
            await output.WriteLineAsync($"answers: {tally}");
            await output.WriteLineAsync($"reservations granted {granted:N0}; lease deadlines checked {deadlines.Count:N0}; " +
                $"host views checked {poller.Views:N0} in {poller.Rounds:N0} rounds; ended {(DateTime.UtcNow - lastEnd).TotalSeconds:0.0} s before the final check");

            failures.AddRange(poller.Violations.Select(v => $"invariant: {v}"));
            failures.AddRange(tally.Unexpected.Select(u => $"unexpected answer: {u}"));
            failures.AddRange(left.Select(l => $"left after every session ended: {l}"));
            failures.AddRange(Enumerable.Range(0, nodeCount).Where(n => !nodes.IsRunning(n)).Select(nodes.Ended));
            if (granted == 0)
            {
                failures.Add("no reservation was ever granted");
            }
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }

        await output.WriteLineAsync(failures.Count == 0 ? "PASS" : "FAIL\n" + string.Join("\n", failures));
        return new FaultReport(failures);
    }

    private static async Task ApplyAsync(FaultStep step, FaultNodes nodes, SessionLedger ledger, CancellationToken cancellationToken)
    {
        var at = DateTime.UtcNow;
        switch (step.Kind)
        {
            case FaultKind.Kill:
                await nodes.KillAsync(step.Node, cancellationToken);
                ledger.Killed(step.Node, at);
                break;
            case FaultKind.Restart:
                await nodes.StartAsync(step.Node, cancellationToken);
                break;
            case FaultKind.Cut:
                nodes.Network.Cut(step.Node);
                ledger.Cut(step.Node, at);
                break;
            case FaultKind.Heal:
                nodes.Network.Heal(step.Node);
                ledger.Healed(step.Node, at);
                break;
        }
    }
}
