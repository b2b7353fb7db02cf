using System.Collections.Concurrent;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>Tallies of one fuzz run and every failure found, each with what reproduces it.</summary>
public sealed class FuzzReport
{
    private readonly ConcurrentDictionary<string, long> tallies = new();
    private readonly ConcurrentQueue<string> failures = new();
    private readonly ConcurrentDictionary<string, long> methods = new();

    /// <summary>Answers by "kind -> outcome", e.g. "bytes:huge-length -> InvalidArgument".</summary>
    public IReadOnlyDictionary<string, long> Tallies => tallies;

    /// <summary>Everything that went wrong, in words; empty when the node held.</summary>
    public IReadOnlyCollection<string> Failures => failures;

    /// <summary>Cases sent, by the method they were generated for.</summary>
    public IReadOnlyDictionary<string, long> Methods => methods;

    /// <summary>Cases sent.</summary>
    public long Sent => methods.Values.Sum();

    /// <summary>Counts one answer.</summary>
    public void Count(string key) => tallies.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Counts one case sent for <paramref name="method"/>.</summary>
    public void CountMethod(string method) => methods.AddOrUpdate(method, 1, (_, n) => n + 1);

    /// <summary>Records a failure.</summary>
    public void Fail(string what) => failures.Enqueue(what);

    /// <summary>Writes the tallies, sorted, then the failures.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (key, count) in tallies.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key,-60} {count,8}");
        }

        foreach (var failure in failures.Take(20))
        {
            output.WriteLine($"FAILURE {failure}");
        }

        if (failures.Count > 20)
        {
            output.WriteLine($"... and {failures.Count - 20} more failures");
        }
    }
}
