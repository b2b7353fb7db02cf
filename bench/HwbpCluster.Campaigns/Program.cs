using System.CommandLine;
using HwbpCluster.Campaigns.Faults;
using HwbpCluster.Campaigns.Fuzz;
using HwbpCluster.Campaigns.Load;
using HwbpCluster.Campaigns.Soak;

// Reliability campaigns against real hwbp-node processes on 127.0.0.1; each exits 0 only when every check held.
var soakMinutes = new Option<double>("--minutes") { Description = "Measured minutes after the warm-up.", DefaultValueFactory = _ => 30 };
var soakWarmup = new Option<int>("--warmup-seconds") { Description = "Seconds left out of the slopes (JIT, pools filling).", DefaultValueFactory = _ => 60 };
var soakRate = new Option<double>("--rate") { Description = "Session cycles per second.", DefaultValueFactory = _ => 20 };
var soakEvery = new Option<int>("--sample-seconds") { Description = "Seconds between samples of RSS and descriptors.", DefaultValueFactory = _ => 10 };
var soak = new Command("soak", "One node at a steady rate: RSS and open descriptors sampled, least-squares slopes reported.")
{
    soakMinutes, soakWarmup, soakRate, soakEvery,
};
soak.SetAction(async (parse, cancellationToken) =>
{
    var campaign = new SoakCampaign(
        TimeSpan.FromMinutes(parse.GetValue(soakMinutes)),
        TimeSpan.FromSeconds(parse.GetValue(soakWarmup)),
        parse.GetValue(soakRate),
        TimeSpan.FromSeconds(parse.GetValue(soakEvery)),
        Console.Out);
    return await campaign.RunAsync(cancellationToken) ? 0 : 1;
});

var fuzzSeed = new Option<int>("--seed") { Description = "The seed; the same seed and count make the same cases.", DefaultValueFactory = _ => 1 };
var fuzzCount = new Option<long>("--count") { Description = "Requests to send.", DefaultValueFactory = _ => 100_000 };
var fuzzGarbage = new Option<int>("--garbage") { Description = "Garbage connections per listening socket.", DefaultValueFactory = _ => 400 };
var fuzz = new Command("fuzz", "Seeded random and mutated requests over every method, then garbage on every socket, against one node.")
{
    fuzzSeed, fuzzCount, fuzzGarbage,
};
fuzz.SetAction(async (parse, cancellationToken) =>
{
    var campaign = new FuzzCampaign(parse.GetValue(fuzzSeed), parse.GetValue(fuzzCount), parse.GetValue(fuzzGarbage), Console.Out);
    return (await campaign.RunAsync(cancellationToken)).Failures.Count == 0 ? 0 : 1;
});

var loadNodes = new Option<int>("--nodes") { Description = "Node processes in the cluster.", DefaultValueFactory = _ => 3 };
var loadSessions = new Option<int>("--sessions") { Description = $"Watched sessions, each one worker (at most {4 * ClusterSessionsScenario.Cpus}).", DefaultValueFactory = _ => 1000 };
var loadSeconds = new Option<int>("--seconds") { Description = "Seconds of load.", DefaultValueFactory = _ => 60 };
var loadHold = new Option<int>("--hold-seconds") { Description = "Keep the idle nodes this long after the checks, for inspection.", DefaultValueFactory = _ => 0 };
var load = new Command("load", "Watched sessions over a cluster of node processes reserving, keeping alive and releasing; then nothing may be left.")
{
    loadNodes, loadSessions, loadSeconds, loadHold,
};
load.SetAction(async (parse, cancellationToken) =>
{
    var campaign = new LoadCampaign(parse.GetValue(loadNodes), parse.GetValue(loadSessions), TimeSpan.FromSeconds(parse.GetValue(loadSeconds)), Console.Out,
        TimeSpan.FromSeconds(parse.GetValue(loadHold)));
    return (await campaign.RunAsync(cancellationToken)).Passed ? 0 : 1;
});

var faultSeed = new Option<int>("--seed") { Description = "The seed of the fault schedule and the clients' choices.", DefaultValueFactory = _ => 1 };
var faultMinutes = new Option<double>("--minutes") { Description = "Minutes of faults under load.", DefaultValueFactory = _ => 5 };
var faultNodes = new Option<int>("--nodes") { Description = "Node processes in the cluster (3 or more).", DefaultValueFactory = _ => 3 };
var faultClients = new Option<int>("--clients") { Description = "Concurrent clients, each cycling through sessions.", DefaultValueFactory = _ => 24 };
var faults = new Command("faults", "A cluster under client load while a seeded schedule kills -9 and restarts nodes; an invariant checker polls every host.")
{
    faultSeed, faultMinutes, faultNodes, faultClients,
};
faults.SetAction(async (parse, cancellationToken) =>
{
    var campaign = new FaultCampaign(parse.GetValue(faultSeed), parse.GetValue(faultNodes), parse.GetValue(faultClients),
        TimeSpan.FromMinutes(parse.GetValue(faultMinutes)), Console.Out);
    return (await campaign.RunAsync(cancellationToken)).Passed ? 0 : 1;
});

var root = new RootCommand("HwbpCluster reliability campaigns (see docs/RELIABILITY.md)") { fuzz, load, soak, faults };
return await root.Parse(args).InvokeAsync();
