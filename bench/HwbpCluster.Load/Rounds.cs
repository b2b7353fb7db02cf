using System.Diagnostics;
using System.Globalization;
using HwbpCluster.Load.Scenarios;

namespace HwbpCluster.Load;

/// <summary>
/// Every scenario set up at once and measured in turn, round after round: each ratio compares windows seconds apart, so a
/// background load that changes over minutes (other work on the machine) shifts both sides of it alike.
/// </summary>
public static class Rounds
{
    /// <summary>Runs <paramref name="rounds"/> rounds; prints each window and, per scenario and concurrency, the median ratio.</summary>
    public static async Task RunAsync(
        TextWriter output, IReadOnlyList<string> keys, IReadOnlyList<int> inFlight, int rounds, TimeSpan warmup, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(inFlight);
        var scenarios = new List<LoadScenario>();
        try
        {
            foreach (var key in keys.Distinct())
            {
                var scenario = ScenarioCatalog.All.First(s => s.Key == key).Create();
                scenarios.Add(scenario);
                await scenario.SetupAsync(cancellationToken);
            }

            var ratios = new Dictionary<(string, int), List<double>>();
            output.WriteLine("| round | scenario | in flight | calls/s | vs baseline, same round | p50 µs | p99 µs | errors | cores used | CPU µs per call | pool items per call |");
            output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            using var process = Process.GetCurrentProcess();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var n in inFlight)
                {
                    LoadResult? baseline = null;
                    foreach (var scenario in scenarios)
                    {
                        var (cpuBefore, itemsBefore, clock) = (Cpu(process, scenario), ThreadPool.CompletedWorkItemCount, Stopwatch.StartNew());
                        var result = await LoadRunner.RunAsync(scenario, n, round == 1 ? warmup : TimeSpan.Zero, duration, cancellationToken);

                        // The whole process (client, nodes in it) and the scenario's own processes over the whole window, warm-up
                        // included (in the first round only).
                        var cpu = Cpu(process, scenario) - cpuBefore;
                        var cores = cpu / clock.Elapsed;
                        var calls = Math.Max(1, result.Calls * clock.Elapsed.TotalSeconds / duration.TotalSeconds);
                        var perCall = cpu.TotalMicroseconds / calls;

                        // Thread-pool work items (actor turns, continuations, socket completions) per call: the hand-offs it took (this process's).
                        var items = (ThreadPool.CompletedWorkItemCount - itemsBefore) / calls;
                        baseline ??= result;
                        var ratio = baseline.CallsPerSecond > 0 ? result.CallsPerSecond / baseline.CallsPerSecond : 0;
                        (ratios.TryGetValue((scenario.Name, n), out var list) ? list : ratios[(scenario.Name, n)] = []).Add(ratio);
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {round} | {result.Scenario} | {n} | {result.CallsPerSecond:N0} | {ratio:0.00}x | " +
                            $"{result.P50.TotalMicroseconds:N0} | {result.P99.TotalMicroseconds:N0} | {result.Errors} | {cores:0.00} | {perCall:N0} | {items:0.0} |"));
                    }
                }
            }

            output.WriteLine();
            output.WriteLine("| scenario | in flight | vs baseline, median of the rounds (min-max) |");
            output.WriteLine("|---|---:|---:|");
            foreach (var ((name, n), list) in ratios)
            {
                list.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {n} | {Median(list):0.00}x ({list[0]:0.00}-{list[^1]:0.00}) |"));
            }
        }
        finally
        {
            foreach (var scenario in scenarios)
            {
                await scenario.DisposeAsync();
            }
        }
    }

    private static TimeSpan Cpu(Process process, LoadScenario scenario)
    {
        process.Refresh();
        var total = process.TotalProcessorTime;
        foreach (var id in scenario.ProcessIds)
        {
            using var child = Process.GetProcessById(id);
            total += child.TotalProcessorTime;
        }

        return total;
    }

    /// <summary>The median of sorted values: the middle one, or the mean of the two middle ones for an even count.</summary>
    internal static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
