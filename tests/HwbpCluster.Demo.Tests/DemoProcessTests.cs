using System.Diagnostics;
using Xunit.Abstractions;

namespace HwbpCluster.Demo.Tests;

/// <summary>The demo as a user runs it, end to end: three real hwbp-node processes, every act checked by the demo itself.</summary>
public sealed class DemoProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_with_no_live_and_seed_1_tells_every_act_and_exits_0_within_60_s()
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await RunAsync("--no-live", "--seed", "1");
        output.WriteLine(stdout);
        output.WriteLine(stderr);
        output.WriteLine($"hwbp-demo took {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Empty(stderr.Trim());
        string[] acts =
        [
            "ok cluster: 3 members Up", "ok ptrace: 2 watches", "ok perf: 6 flexible breakpoints take turns",
            "ok kgdb: suspended perf's", "ok kvm: the guest borrowed cpu 1", "ok queue: the fifth watch waited in line",
            "ok fleet: ALL_OR_NOTHING refused while beta-2 was full", "ok kill -9: n3 unreachable after",
            "ok demo: all 8 steps did what they should", "(seed 1)",
        ];
        Assert.All(acts, line => Assert.Contains(line, stdout, StringComparison.Ordinal));
        Assert.Contains("<- hit ", stdout, StringComparison.Ordinal);

        // Tids and addresses come from the seed alone: seed 1's first task is always 3238.
        Assert.Contains("task 3238 'app' runs on cpu 0 of alpha-0", stdout, StringComparison.Ordinal);
        Assert.Contains("(preempted-by kgdb)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the demo took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Keep_leaves_the_cluster_up_with_its_dashboard_until_sigterm()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "demo", "hwbp-demo.dll"), "--no-live", "--seed", "1", "--keep" })
        {
            info.ArgumentList.Add(arg);
        }

        using var demo = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        Task<string> stderr = demo.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            string? dashboard = null;
            while (dashboard is null && await demo.StandardOutput.ReadLineAsync(bound.Token) is { } line)
            {
                output.WriteLine(line);
                dashboard = line.TrimStart().StartsWith("dashboard: ", StringComparison.Ordinal) ? line.TrimStart().Split(' ')[1] : null;
            }

            if (dashboard is null)
            {
                // Its output ended without the address: the demo stopped early, and its stderr says why.
                await demo.WaitForExitAsync(bound.Token);
                Assert.Fail($"the demo ended (exit {demo.ExitCode}) before printing its dashboard's address: {await stderr}");
            }

            using var http = new HttpClient();
            var page = await http.GetStringAsync(new Uri(dashboard), bound.Token);
            Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);

            using (var term = Process.Start("kill", ["-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync(bound.Token);
            }

            await demo.WaitForExitAsync(bound.Token);
            Assert.Equal(0, demo.ExitCode);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task An_unknown_argument_exits_2_naming_it_and_starts_no_node()
    {
        var (code, stdout, stderr) = await RunAsync("--no-live", "--seed", "1", "--unknown");
        Assert.Equal(2, code);
        Assert.Contains("unknown argument '--unknown'", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "demo", "hwbp-demo.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
