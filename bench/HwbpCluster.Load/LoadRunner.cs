using System.Diagnostics;

namespace HwbpCluster.Load;

/// <summary>Runs a scenario with N workers, each keeping one call in flight, for a warm-up then a measured window.</summary>
public static class LoadRunner
{
    /// <summary>Measures one scenario at one concurrency.</summary>
    public static async Task<LoadResult> RunAsync(
        LoadScenario scenario, int inFlight, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, inFlight)
            .Select(_ => Task.Run(() => WorkAsync(scenario, measureFrom, measureTo, stop.Token), CancellationToken.None))
            .ToArray();
        var samples = await Task.WhenAll(workers);

        var latencies = samples.SelectMany(s => s.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            scenario.Name,
            inFlight,
            latencies.Length,
            samples.Sum(s => s.Errors),
            duration,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99));
    }

    private static async Task<Samples> WorkAsync(LoadScenario scenario, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var samples = new Samples();
        while (!cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= measureTo)
            {
                break;
            }

            var ok = true;
            try
            {
                await scenario.CallAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed call counts as an error, not as a latency sample; the run goes on. Each worker shows its first
                // failure on stderr, so an error count in the table comes with a reason.
                ok = false;
                if (!samples.Failed)
                {
                    samples.Failed = true;
                    await Console.Error.WriteLineAsync($"{scenario.Name}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            var end = Stopwatch.GetTimestamp();
            if (ok)
            {
                await scenario.SettleAsync(cancellationToken);
            }

            if (start >= measureFrom && end <= measureTo)
            {
                if (ok)
                {
                    samples.Latencies.Add(end - start);
                }
                else
                {
                    samples.Errors++;
                }
            }
        }

        return samples;
    }

    private static TimeSpan Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0
            ? TimeSpan.Zero
            : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private sealed class Samples
    {
        public List<long> Latencies { get; } = new(capacity: 1 << 16);

        public long Errors { get; set; }

        public bool Failed { get; set; }
    }
}
