using System.CommandLine;
using HwbpCluster.Load;
using HwbpCluster.Load.Scenarios;

// Measures calls/s and p50/p99 latency of each scenario at each concurrency, loopback only, for a bounded time.
var seconds = new Option<int>("--seconds") { Description = "Measured seconds per scenario and concurrency.", DefaultValueFactory = _ => 5 };
var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds before each measurement.", DefaultValueFactory = _ => 1 };
var inFlight = new Option<int[]>("--in-flight")
{
    Description = "Calls kept in flight at once; one run per value.",
    DefaultValueFactory = _ => [1, 16],
    AllowMultipleArgumentsPerToken = true,
};
var scenarios = new Option<string[]>("--scenario")
{
    Description = $"Scenarios to run, first is the baseline: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Key))}.",
    DefaultValueFactory = _ => ScenarioCatalog.All.Select(s => s.Key).ToArray(),
    AllowMultipleArgumentsPerToken = true,
};

var rounds = new Option<int>("--rounds")
{
    Description = "More than 1: set up every scenario at once, then measure them in turn, round after round (the warm-up only in the " +
        "first round), each compared with the baseline's window of the same round: a changing background load then hits both alike.",
    DefaultValueFactory = _ => 1,
};

var hits = new Option<int>("--hits")
{
    Description = "Instead of the scenarios: issue 11's hit rate on real hardware, N watched writes per window, counted by the kernel " +
        "alone and then streamed over gRPC by an in-process node (--backend linux), --rounds times.",
    DefaultValueFactory = _ => 0,
};

var hitNode = new Option<string>("--hit-node")
{
    Description = "With --hits: switches for the in-process node, e.g. \"--hit-wakeup 64 --watch-buffer 65536\" (default: none, the node's defaults).",
    DefaultValueFactory = _ => string.Empty,
};

var hitApart = new Option<bool>("--hit-apart")
{
    Description = "With --hits: the writing thread alone on the last CPU and every other thread (node, client) on the others, as an " +
        "operator keeps an observer off the CPUs it observes (default: wherever the scheduler puts them).",
};

var hitWriter = new Option<string>("--hit-writer")
{
    Description = "With --hits: the writing loop in a program of its own (process, as the programs a node watches are) or in a thread " +
        "of the tool, which shares the node's process (thread).",
    DefaultValueFactory = _ => "process",
};
hitWriter.AcceptOnlyFromAmong("process", "thread");

var root = new RootCommand("HwbpCluster gRPC load tool") { seconds, warmup, inFlight, scenarios, rounds, hits, hitNode, hitApart, hitWriter };
root.SetAction(async (parse, cancellationToken) =>
{
    var keys = parse.GetValue(scenarios)!;
    var unknown = keys.Where(k => ScenarioCatalog.All.All(s => s.Key != k)).ToList();
    if (unknown.Count > 0)
    {
        await Console.Error.WriteLineAsync($"unknown scenario(s): {string.Join(", ", unknown)}");
        return 2;
    }

    var output = Console.Out;
    if (parse.GetValue(hits) > 0)
    {
        string[] nodeSwitches = parse.GetValue(hitNode)!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return await HitRate.RunAsync(
            output, parse.GetValue(hits), Math.Max(1, parse.GetValue(rounds)), nodeSwitches, parse.GetValue(hitWriter)!, parse.GetValue(hitApart),
            cancellationToken);
    }

    if (parse.GetValue(rounds) > 1)
    {
        await output.WriteLineAsync($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {parse.GetValue(rounds)} rounds of " +
            $"{parse.GetValue(seconds)} s per scenario and concurrency, {parse.GetValue(warmup)} s warm-up before each in the first round");
        await Rounds.RunAsync(output, keys, parse.GetValue(inFlight)!, parse.GetValue(rounds), TimeSpan.FromSeconds(parse.GetValue(warmup)),
            TimeSpan.FromSeconds(parse.GetValue(seconds)), cancellationToken);
        return 0;
    }

    await output.WriteLineAsync($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
        $".NET {Environment.Version}, {parse.GetValue(seconds)} s per run after {parse.GetValue(warmup)} s warm-up");
    ResultTable.WriteHeader(output);
    var baselines = new Dictionary<int, LoadResult>();
    foreach (var key in keys)
    {
        await using var scenario = ScenarioCatalog.All.First(s => s.Key == key).Create();
        await scenario.SetupAsync(cancellationToken);
        foreach (var n in parse.GetValue(inFlight)!)
        {
            var result = await LoadRunner.RunAsync(
                scenario, n, TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(seconds)), cancellationToken);
            baselines.TryAdd(n, result);
            ResultTable.WriteRow(output, result, baselines[n]);
        }
    }

    return 0;
});

return await root.Parse(args).InvokeAsync();
