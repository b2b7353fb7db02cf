using System.Runtime;
using HwbpCluster.Node.Options;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Diagnostics;

/// <summary>
/// Samples the GC once a second and, when <see cref="IdleCollectionPolicy"/> says the node has gone quiet after a burst,
/// runs one aggressive collection (compacting, decommitting what it frees) so that the memory goes back to the machine
/// whose programs the node debugs. <c>--idle-collect-seconds 0</c> turns it off.
/// </summary>
internal sealed partial class IdleCollector(IOptions<HwbpNodeOptions> options, TimeProvider time, ILogger<IdleCollector> logger) : BackgroundService
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var quietSeconds = options.Value.IdleCollectSeconds;
        if (quietSeconds == 0)
        {
            return;
        }

        var policy = new IdleCollectionPolicy(quietSeconds);
        using var timer = new PeriodicTimer(SamplePeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (policy.Observe(GC.GetTotalAllocatedBytes(), GC.CollectionCount(GC.MaxGeneration)))
                {
                    Collect(quietSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private void Collect(int quietSeconds)
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Collected(logger, quietSeconds, before >> 20, Environment.WorkingSet >> 20);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Quiet for {Seconds} s after a burst: one full collection, working set {BeforeMb} MB -> {AfterMb} MB")]
    private static partial void Collected(ILogger logger, int seconds, long beforeMb, long afterMb);
}
