using System.Globalization;

namespace HwbpCluster.Load;

/// <summary>Prints results as a Markdown table, with throughput relative to the first scenario at the same concurrency.</summary>
public static class ResultTable
{
    /// <summary>Writes the table header.</summary>
    public static void WriteHeader(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("| scenario | in flight | calls/s | vs baseline | p50 µs | p99 µs | errors |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    }

    /// <summary>Writes one result row; the baseline is the first scenario's result at the same concurrency.</summary>
    public static void WriteRow(TextWriter output, LoadResult result, LoadResult? baseline)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var ratio = baseline is { CallsPerSecond: > 0 } ? result.CallsPerSecond / baseline.CallsPerSecond : 1.0;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {result.Scenario} | {result.InFlight} | {result.CallsPerSecond:N0} | {ratio:0.00}x | {result.P50.TotalMicroseconds:N0} | {result.P99.TotalMicroseconds:N0} | {result.Errors} |"));
    }
}
