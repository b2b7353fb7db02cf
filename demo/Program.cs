using HwbpCluster.Demo;
using HwbpCluster.Demo.Cluster;
using HwbpCluster.Demo.Output;
using HwbpCluster.Demo.Story;
using System.Runtime.InteropServices;
using Spectre.Console;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the demo and stops the nodes; a second one kills the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

// kill (SIGTERM) and a closed terminal (SIGHUP) end the demo the same way, so the nodes it started never outlive it.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

var terminal = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
var options = DemoOptions.Parse(args, terminal, () => Random.Shared.Next(1_000_000), out var error);
if (options is null)
{
    await (error is { Length: > 0 } ? Console.Error : Console.Out).WriteLineAsync(
        error is { Length: > 0 } ? $"hwbp-demo: {error}{Environment.NewLine}{DemoOptions.Usage}" : DemoOptions.Usage);
    return error is { Length: > 0 } ? 2 : 0;
}

IStoryWriter writer = options.Live ? new LiveWriter(AnsiConsole.Console) : new PlainWriter(Console.Out, Console.Error);
writer.Say($"hwbp-demo, seed {options.Seed}: three hwbp-node processes on 127.0.0.1, driven through the SDK (HwbpCluster.Client)");
await using var cluster = LocalCluster.Plan();
await using var story = new StoryContext(cluster, writer, options.Seed, stop.Token);
try
{
    return await DemoRun.RunAsync(DemoRun.Acts(), story, options.Seed, options.Keep, Console.Error);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("hwbp-demo: cancelled; stopping the nodes");
    return DemoRun.Failed;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
