namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>Waits for a condition the host reaches asynchronously (the accounting resumes after a release has returned).</summary>
internal static class Eventually
{
    /// <summary>True once <paramref name="condition"/> holds; false if it still does not after a generous bound.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? bound = null)
    {
        using var deadline = new CancellationTokenSource(bound ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }

        return true;
    }
}
