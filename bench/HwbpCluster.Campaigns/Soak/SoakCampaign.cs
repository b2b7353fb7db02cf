using System.Diagnostics;
using Grpc.Net.Client;
using HwbpCluster.Campaigns.Load;
using HwbpCluster.Campaigns.Nodes;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Campaigns.Proc;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Soak;

/// <summary>
/// One node at a steady rate for a long time: each cycle opens a watched session, reserves, keeps alive, releases and closes
/// it, every tenth over a new connection; the node's RSS and open descriptors are sampled, and their least-squares slopes
/// after the warm-up tell whether anything grows.
/// </summary>
public sealed class SoakCampaign(TimeSpan duration, TimeSpan warmup, double cyclesPerSecond, TimeSpan sampleEvery, TextWriter output)
{
    private const int Cpus = 4;

    /// <summary>Runs the soak; returns false when a call failed or a watch missed a release.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var port = NodeProcess.FreeLoopbackPort();
        await using var node = await NodeLaunch.StartAsync(port, ["--node-name", "soak", "--cpus", $"{Cpus}"], cancellationToken);
        await output.WriteLineAsync($"node pid {node.Id}: {await node.BannerAsync(cancellationToken)}");
        using var shared = GrpcChannel.ForAddress(NodeLaunch.Grpc(port));
        var clock = Stopwatch.StartNew();
        var samples = new List<ProcSample>();
        long cycles = 0, failures = 0, unseen = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(warmup + duration);
        var sampling = SampleAsync(node.Id, clock, samples, stop.Token);

        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1 / cyclesPerSecond));
        try
        {
            while (await tick.WaitForNextTickAsync(stop.Token))
            {
                var fresh = cycles % 10 == 9 ? GrpcChannel.ForAddress(NodeLaunch.Grpc(port)) : null;
                try
                {
                    var session = await WatchedSession.OpenAsync(new Arbiter.ArbiterClient(fresh ?? shared), "soak", 30_000, stop.Token);
                    await session.CycleAsync(string.Empty, (uint)(cycles % Cpus), stop.Token);
                    unseen += await session.CloseAsync(stop.Token);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    failures++;
                    await output.WriteLineAsync($"cycle {cycles} failed: {e.Message}");
                }
                finally
                {
                    fresh?.Dispose();
                }

                cycles++;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The run's time is up.
        }

        await sampling;
        var steady = samples.Where(s => s.Elapsed >= warmup).ToList();
        var hours = (IReadOnlyList<ProcSample> s, Func<ProcSample, double> y) => LeastSquares.Slope(s.Select(p => (p.Elapsed.TotalHours, y(p))).ToList());
        await output.WriteLineAsync($"cycles {cycles} ({cycles / clock.Elapsed.TotalSeconds:0.0}/s), failed {failures}, releases not seen on the watch {unseen}, " +
            $"node alive {!node.HasExited}");
        if (steady.Count >= 2)
        {
            await output.WriteLineAsync(
                $"after {warmup.TotalSeconds:0} s warm-up, {steady.Count} samples: RSS {Mb(steady[0].RssBytes)} -> {Mb(steady[^1].RssBytes)} MB, " +
                $"slope {hours(steady, p => p.RssBytes / 1048576.0):+0.00;-0.00} MB/h; fds {steady[0].OpenFds} -> {steady[^1].OpenFds}, " +
                $"slope {hours(steady, p => p.OpenFds):+0.00;-0.00} fds/h");
        }

        return failures == 0 && unseen == 0 && !node.HasExited;
    }

    private async Task SampleAsync(int pid, Stopwatch clock, List<ProcSample> samples, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("sample,seconds,rss_kb,fds");
        using var tick = new PeriodicTimer(sampleEvery);
        do
        {
            var sample = ProcStats.Sample(pid, clock.Elapsed);
            samples.Add(sample);
            await output.WriteLineAsync($"sample,{sample.Elapsed.TotalSeconds:0},{sample.RssBytes / 1024},{sample.OpenFds}");
        }
        while (await Next(tick, cancellationToken));
    }

    private static async Task<bool> Next(PeriodicTimer tick, CancellationToken cancellationToken)
    {
        try
        {
            return await tick.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0.0}";
}
