using System.Globalization;

namespace HwbpCluster.Demo;

/// <summary>The demo's switches: <c>--no-live</c>, <c>--seed N</c>, <c>--keep</c>.</summary>
/// <param name="Live">Colours and spinners on a terminal; false: plain lines (logs, CI).</param>
/// <param name="Seed">What the story's tids, addresses and access counts are drawn from; the same seed tells the same story.</param>
/// <param name="Keep">Leave the cluster up at the end, print its addresses and wait for Ctrl+C.</param>
internal sealed record DemoOptions(bool Live, int Seed, bool Keep)
{
    public const string Usage = """
        usage: hwbp-demo [--no-live] [--seed N] [--keep]
          starts three hwbp-node processes on 127.0.0.1 (a cluster of nine simulated hosts) and tells the story through the SDK
          --no-live   plain lines, no colours or spinners (for logs and CI; the default when output is redirected)
          --seed N    the same N tells the same story (tids, addresses, accesses); default: a new one, printed
          --keep      leave the cluster up at the end, print its addresses and wait for Ctrl+C
        exit codes: 0 every step did what it should, 1 a step failed (named on stderr), 2 usage
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they cannot be run as written.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="terminal">Whether output goes to a terminal (live output is the default there only).</param>
    /// <param name="newSeed">The seed when none is given.</param>
    /// <param name="error">What is wrong; empty for <c>--help</c>.</param>
    public static DemoOptions? Parse(IReadOnlyList<string> args, bool terminal, Func<int> newSeed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(newSeed);
        var (live, keep) = (terminal, false);
        int? seed = null;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--no-live":
                    live = false;
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--seed" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    seed = n;
                    i++;
                    break;
                case "--seed":
                    error = "--seed needs a number from 0 to 2147483647";
                    return null;
                case "-h" or "--help" or "-?":
                    error = string.Empty;
                    return null;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return null;
            }
        }

        return new DemoOptions(live, seed ?? newSeed(), keep);
    }
}
