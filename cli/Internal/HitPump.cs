using System.CommandLine;
using System.Text.Json;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>Prints a watch's events until Ctrl+C, --count or --seconds, or until the session ends.</summary>
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

    /// <summary>Prints hits; <paramref name="session"/> (null for a session the command does not hold) ends the pump if its lease is lost.</summary>
    public static Task<int> RunAsync(
        HwbpSession? session, HwbpStream<HitEvent> hits, HitOptions options, ParseResult parsed, GlobalOptions global, CancellationToken cancellationToken) =>
        RunAsync(session, hits, Shapes.Hit, Format.Hit, options, parsed, global, cancellationToken);

    public static async Task<int> RunAsync<T>(
        HwbpSession? session,
        HwbpStream<T> events,
        Action<Utf8JsonWriter, T> shape,
        Func<T, string> text,
        HitOptions options,
        ParseResult parsed,
        GlobalOptions global,
        CancellationToken cancellationToken)
        where T : class, Google.Protobuf.IMessage<T>, new()
    {
        var printer = global.Printer(parsed);
        var count = parsed.GetValue(options.Count);
        var seconds = parsed.GetValue(options.Seconds);
        using var timeUp = seconds is { } s
            ? new CancellationTokenSource(TimeSpan.FromSeconds(s), global.Context.Time)
            : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeUp.Token, session?.LeaseLost ?? default);
        var seen = 0;
        try
        {
            await foreach (var item in events.WithCancellation(stop.Token))
            {
                await printer.WriteAsync(w => shape(w, item), text(item));
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

        if (session?.LeaseFailure is { } failure)
        {
            var status = Format.Status((int)failure.StatusCode, failure.Status.Detail);
            await global.Context.Error.WriteLineAsync($"hwbp: the session's lease was lost: {status}");
            return CliApp.RpcError;
        }

        if (stop.IsCancellationRequested)
        {
            return CliApp.Ok;
        }

        await global.Context.Error.WriteLineAsync($"hwbp: the node ended the watch after {seen} event(s) (session closed or node stopping)");
        return CliApp.RpcError;
    }
}
