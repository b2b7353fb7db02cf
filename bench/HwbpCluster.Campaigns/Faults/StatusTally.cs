using System.Collections.Concurrent;
using Grpc.Core;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// The answers the campaign's clients got, by status. Under faults a call may be refused for a dead or cut-off node
/// (UNAVAILABLE), a session or reservation its lease already ended (NOT_FOUND), or no room (RESOURCE_EXHAUSTED); anything
/// else, UNKNOWN and INTERNAL first, is a failure.
/// </summary>
public sealed class StatusTally
{
    private static readonly HashSet<StatusCode> Expected = [StatusCode.OK, StatusCode.Unavailable, StatusCode.NotFound, StatusCode.ResourceExhausted];
    private readonly ConcurrentDictionary<StatusCode, long> _counts = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    /// <summary>Answers by status.</summary>
    public IReadOnlyDictionary<StatusCode, long> Counts => _counts;

    /// <summary>The first unexpected answers, each with its call and message.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>Counts one answer of <paramref name="call"/>.</summary>
    public void Add(string call, StatusCode status, string detail = "")
    {
        _counts.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (!Expected.Contains(status) && _unexpected.Count < 50)
        {
            _unexpected.Enqueue($"{call}: {status} {detail}");
        }
    }

    /// <summary>The counts in one line, most frequent first.</summary>
    public override string ToString() => string.Join(" · ", _counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"));
}
