using System.CommandLine;

namespace HwbpCluster.Cli.Internal;

/// <summary>--session ID: the session a command acts for, opened earlier with <c>hwbp sessions open</c>.</summary>
internal static class SessionIdOption
{
    public static Option<string> Create(string description = "The session (from 'hwbp sessions open')") =>
        new("--session") { Description = description, Required = true };
}
