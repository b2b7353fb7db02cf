using HwbpCluster.Arbitration;

// Replaced by the node's composition root; until then a readable banner of what the node will serve.
var profile = ArchProfile.X86_64(4);
Console.WriteLine($"hwbp-node: {profile}");
