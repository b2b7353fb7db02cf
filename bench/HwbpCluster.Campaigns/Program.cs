using System.CommandLine;
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

var root = new RootCommand("HwbpCluster reliability campaigns (see docs/RELIABILITY.md)") { soak };
return await root.Parse(args).InvokeAsync();
