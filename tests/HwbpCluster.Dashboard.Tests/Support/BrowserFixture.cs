using Microsoft.Playwright;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>One browser for every test of a class; each test opens its own page (its own context: no shared cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>A fresh page of its own context, 1600 pixels wide so a screenshot shows several host cards per row.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await (browser ?? throw new InvalidOperationException(Chromium.Missing ?? "the browser did not start"))
            .NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        return await context.NewPageAsync();
    }

    public async Task InitializeAsync()
    {
        // Where chromium is missing every test here is skipped by ChromiumFact, so there is nothing to launch.
        if (Chromium.Missing is null)
        {
            (playwright, browser) = await Chromium.LaunchAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
