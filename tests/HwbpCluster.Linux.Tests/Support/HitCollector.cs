namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Reads hits from a reader until a count arrives or a deadline passes.</summary>
internal static class HitCollector
{
    public static async Task<List<RawHit>> CollectAsync(HitReader reader, int count, TimeSpan? timeout = null)
    {
        var hits = new List<RawHit>();
        if (count == 0)
        {
            return hits;
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await foreach (RawHit hit in reader.ReadHitsAsync(deadline.Token))
            {
                hits.Add(hit);
                if (hits.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller asserts on what arrived before the deadline.
        }

        return hits;
    }

    public static async Task<HitNotice?> WaitForNoticeAsync(HitReader reader, HitNoticeKind kind, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await foreach (HitNotice notice in reader.Notices.ReadAllAsync(deadline.Token))
            {
                if (notice.Kind == kind)
                {
                    return notice;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Not seen in time.
        }

        return null;
    }
}
