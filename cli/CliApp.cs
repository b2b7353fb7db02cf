using System.CommandLine;
using Grpc.Core;
using HwbpCluster.Cli.Internal;

namespace HwbpCluster.Cli;

/// <summary>The hwbp command line, runnable in-process: arguments in, text out, an exit code back.</summary>
/// <remarks>Exit codes: 0 done, 1 the node answered with an error (status code and detail on the error writer), 2 usage.</remarks>
public static class CliApp
{
    /// <summary>Exit code of a command that did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of an RPC error (or a refused fleet reservation, or a lost lease).</summary>
    public const int RpcError = 1;

    /// <summary>Exit code of a command line that cannot be run as written.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command line <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    /// <param name="args">The arguments, e.g. ["host", "--node", "http://127.0.0.1:7070"].</param>
    /// <param name="output">Where results go (tables, hits, JSON lines).</param>
    /// <param name="error">Where errors and progress notes go.</param>
    /// <param name="cancellationToken">Ctrl+C: ends a watch gracefully (its session closes), or aborts a call.</param>
    public static Task<int> InvokeAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        InvokeAsync(args, new CliContext(output, error, Environment.GetEnvironmentVariable, TimeProvider.System), cancellationToken);

    internal static async Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = RootCommandFactory.Create(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await context.Error.WriteLineAsync($"hwbp: {parseError.Message}");
            }

            await context.Error.WriteLineAsync("Run 'hwbp --help' for usage.");
            return UsageError;
        }

        try
        {
            // Ctrl+C is the caller's business (Program wires it), so invocation adds no handler of its own.
            var invocation = new InvocationConfiguration
            {
                Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (UsageException ex)
        {
            await context.Error.WriteLineAsync($"hwbp: {ex.Message}");
            return UsageError;
        }
        catch (RpcException ex)
        {
            await context.Error.WriteLineAsync($"hwbp: {Format.Status(ex.StatusCode, ex.Status.Detail)}");
            return RpcError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("hwbp: cancelled");
            return RpcError;
        }
    }
}
