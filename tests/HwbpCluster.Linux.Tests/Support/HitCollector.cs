namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Reads hits from a reader until a count arrives or a deadline passes.</summary>
internal static class HitCollector
{
    public static Task<List<RawHit>> CollectAsync(HitReader reader, int count, TimeSpan? timeout = null) =>
        count == 0 ? Task.FromResult(new List<RawHit>()) : AsyncStreams.TakeAsync(reader.ReadHitsAsync, count, timeout);

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
