using System.Diagnostics;
using HwbpCluster.Campaigns.Proc;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>The soak's sampler reads the right numbers from /proc.</summary>
public sealed class ProcStatsTests
{
    [Fact]
    public void VmRss_is_read_in_kilobytes_whether_tabs_or_spaces_separate_it()
    {
        Assert.Equal(95_716L * 1024, ProcStats.ParseRss(["Name:\tdotnet", "VmRSS:\t   95716 kB", "Threads:\t20"]));
        Assert.Equal(12L * 1024, ProcStats.ParseRss(["VmRSS:      12 kB"]));
        Assert.Throws<InvalidOperationException>(() => ProcStats.ParseRss(["Name:\tkthreadd", "Threads:\t1"]));
        Assert.Throws<FormatException>(() => ProcStats.ParseRss(["VmRSS:\t12 MB"]));
    }

    [Fact]
    public async Task A_process_that_opens_three_more_descriptors_shows_three_more_and_a_small_resident_set()
    {
        // The same shell twice, once with descriptors 5-7 open on /dev/null; both then become `sleep`, so they hold the same
        // descriptors apart from those three, whatever the test host lets children inherit.
        var plain = await StartSleepAsync("exec sleep 30");
        var more = await StartSleepAsync("exec 5</dev/null 6</dev/null 7</dev/null; exec sleep 30");
        try
        {
            var sample = ProcStats.Sample(more.Id, TimeSpan.FromSeconds(1));
            Assert.Equal(3, sample.OpenFds - ProcStats.OpenFds(plain.Id));
            Assert.InRange(sample.RssBytes, 64 * 1024, 64L * 1024 * 1024);
            Assert.Equal(TimeSpan.FromSeconds(1), sample.Elapsed);
        }
        finally
        {
            foreach (var child in new[] { plain, more })
            {
                child.Kill();
                await child.WaitForExitAsync();
                child.Dispose();
            }
        }
    }

    private static async Task<Process> StartSleepAsync(string script)
    {
        var info = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        var child = Process.Start(info)!;

        // Read only once the shell has become sleep and sleep sleeps: between fork and exec the child still holds a copy of
        // ours, and right after exec the loader has mapped next to nothing yet (a resident set of a few pages).
        for (var i = 0; i < 500 && !await SleepingAsSleepAsync(child.Id); i++)
        {
            await Task.Delay(10);
        }

        return child;
    }

    // /proc/PID/stat: "PID (comm) STATE ...": S is an interruptible sleep, where `sleep` waits once it has started.
    private static async Task<bool> SleepingAsSleepAsync(int pid)
    {
        var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
        return stat.Contains("(sleep)", StringComparison.Ordinal) && stat[(stat.LastIndexOf(')') + 2)..].StartsWith('S');
    }
}
