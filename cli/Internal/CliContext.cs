namespace HwbpCluster.Cli.Internal;

/// <summary>What a command may touch: its writers, the environment (HWBP_NODE, HWBP_TOKEN) and the clock.</summary>
internal sealed record CliContext(TextWriter Output, TextWriter Error, Func<string, string?> Environment, TimeProvider Time);
