using Spectre.Console;

namespace HwbpCluster.Cli.Internal;

/// <summary>What a command may touch: its writers, the environment (HWBP_NODE, HWBP_TOKEN), the clock, and the terminal.</summary>
/// <param name="Output">Where results go.</param>
/// <param name="Error">Where notes and errors go.</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="Time">The clock of --seconds, leases and top's refresh.</param>
/// <param name="Terminal">The interactive terminal for live views and progress, made on first use (it probes the terminal), or null
/// (a pipe, a log, a test): plain lines then.</param>
internal sealed record CliContext(
    TextWriter Output, TextWriter Error, Func<string, string?> Environment, TimeProvider Time, Lazy<IAnsiConsole>? Terminal = null);
