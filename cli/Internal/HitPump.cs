using System.CommandLine;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>Prints a session's hits until Ctrl+C, --count or --seconds, or until the session ends.</summary>
internal static class HitPump
{
    /// <summary>Runs a watch command; Ctrl+C at any point is the normal way to end it (exit 0, its session closed).</summary>
    public static async Task<int> UntilCtrlCAsync(Func<Task<int>> watch, CancellationToken cancellationToken)
    {
        try
        {
            return await watch();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliApp.Ok;
        }
    }

    public static async Task<int> RunAsync(
        HwbpSession session,
        HwbpStream<HitEvent> hits,
        HitOptions options,
        ParseResult parsed,
        GlobalOptions global,
        CancellationToken cancellationToken)
    {
        var printer = global.Printer(parsed);
        var count = parsed.GetValue(options.Count);
        var seconds = parsed.GetValue(options.Seconds);
        using var timeUp = seconds is { } s
            ? new CancellationTokenSource(TimeSpan.FromSeconds(s), global.Context.Time)
            : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeUp.Token, session.LeaseLost);
        var seen = 0;
        try
        {
            await foreach (var hit in hits.WithCancellation(stop.Token))
            {
                await printer.WriteAsync(hit, Format.Hit(hit));
                if (++seen == count)
                {
                    return CliApp.Ok;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, time up, or the lease lost: the last case is reported below.
        }

        if (session.LeaseFailure is { } failure)
        {
            var status = Format.Status(failure.StatusCode, failure.Status.Detail);
            await global.Context.Error.WriteLineAsync($"hwbp: the session's lease was lost: {status}");
            return CliApp.RpcError;
        }

        if (stop.IsCancellationRequested)
        {
            return CliApp.Ok;
        }

        await global.Context.Error.WriteLineAsync($"hwbp: the node ended the watch after {seen} hit(s) (session closed or node stopping)");
        return CliApp.RpcError;
    }
}
