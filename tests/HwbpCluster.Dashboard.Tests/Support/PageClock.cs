using Microsoft.Playwright;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>Measures in the page when something appears, without Playwright's polling (which checks every 500 ms after the first few
/// tries, and would add up to that much to every figure).</summary>
internal static class PageClock
{
    // A MutationObserver sees the DOM change as it happens; Date.now() is the machine's clock, as DateTimeOffset.UtcNow is.
    private const string Script = """
        (selector) => new Promise((resolve) => {
          const seen = () => {
            if (!document.querySelector(selector)) return false;
            observer.disconnect();
            resolve(Date.now());
            return true;
          };
          const observer = new MutationObserver(seen);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          seen();
        })
        """;

    /// <summary>Starts watching for <paramref name="selector"/>; the task ends with the Unix time (ms) it was first on the page.
    /// Start it before the change it waits for.</summary>
    public static async Task<Task<long>> WatchAsync(IPage page, string selector)
    {
        // The promise is created (and the observer installed) when this returns, so nothing after it is missed.
        var handle = await page.EvaluateHandleAsync($"(selector) => {{ const p = ({Script})(selector); return {{ p }}; }}", selector);
        return WaitAsync(page, handle);
    }

    /// <summary>Milliseconds from <paramref name="start"/> until the watched change was seen, failing after <paramref name="bound"/>.</summary>
    public static async Task<double> SinceAsync(Task<long> seen, DateTimeOffset start, TimeSpan bound)
    {
        var done = await Task.WhenAny(seen, Task.Delay(bound));
        Assert.True(done == seen, $"the page did not show the change within {bound.TotalSeconds} s");
        return await seen - start.ToUnixTimeMilliseconds();
    }

    private static async Task<long> WaitAsync(IPage page, IJSHandle handle) =>
        (long)await page.EvaluateAsync<double>("(h) => h.p", handle);
}
