namespace HwbpCluster.Load;

/// <summary>What one run of a scenario at one concurrency measured.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="InFlight">Calls kept in flight at once.</param>
/// <param name="Calls">Calls that completed successfully in the measured window.</param>
/// <param name="Errors">Calls that failed in the measured window.</param>
/// <param name="Elapsed">The measured window.</param>
/// <param name="P50">Median latency of successful calls.</param>
/// <param name="P99">99th percentile latency of successful calls.</param>
public sealed record LoadResult(string Scenario, int InFlight, long Calls, long Errors, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99)
{
    /// <summary>Successful calls per second.</summary>
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;
}
