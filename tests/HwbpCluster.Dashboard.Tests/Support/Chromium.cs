using Microsoft.Playwright;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>Debian's headless chromium (the test command installs the <c>chromium</c> package), driven by Playwright's driver,
/// which ships inside the Microsoft.Playwright package: no browser is downloaded.</summary>
internal static class Chromium
{
    /// <summary>Where Debian installs it.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? Missing { get; } = File.Exists(ExecutablePath)
        ? null
        : $"{ExecutablePath} is missing: install Debian's chromium package (scripts/test.sh does so as root)";

    /// <summary>Starts Playwright's driver and a headless chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Containers give chromium little /dev/shm; it then crashes on large pages unless told to use /tmp.
                Args = ["--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

/// <summary>A fact that needs chromium: skipped with the reason where it is not installed (never a silent pass).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}
