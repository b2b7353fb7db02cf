using HwbpCluster.Cli.Internal;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Cli.Tests.Support;

/// <summary>The result of one in-process hwbp run: exit code, standard output and standard error.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs hwbp against <paramref name="node"/> (on its clock, with no HWBP_* environment) with <paramref name="args"/>.</summary>
    public static Task<CliRun> RunAsync(TestNode node, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(node, new SyncWriter(), new SyncWriter(), cancellationToken, args);

    /// <summary>The same, writing to <paramref name="output"/> and <paramref name="error"/>, which the test may read while the command runs.</summary>
    public static Task<CliRun> RunAsync(TestNode node, SyncWriter output, SyncWriter error, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(node.Clock, new Dictionary<string, string>(), output, error, cancellationToken, ["--node", node.Address.ToString(), .. args]);

    /// <summary>Runs hwbp with <paramref name="environment"/> as its only environment variables.</summary>
    public static Task<CliRun> RunAsync(
        TimeProvider time, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(time, environment, new SyncWriter(), new SyncWriter(), cancellationToken, args);

    private static async Task<CliRun> RunAsync(
        TimeProvider time,
        IReadOnlyDictionary<string, string> environment,
        SyncWriter output,
        SyncWriter error,
        CancellationToken cancellationToken,
        string[] args)
    {
        var context = new CliContext(output, error, name => environment.GetValueOrDefault(name), time);
        var code = await CliApp.InvokeAsync(args, context, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(TestNode node, params string[] args) => RunAsync(node, CancellationToken.None, args);

    /// <summary>The output's lines that start with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Lines(string prefix) =>
        [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Output}--- err\n{Error}";
}
