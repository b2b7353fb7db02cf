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
    /// <remarks>
    /// A command that holds its session passes <paramref name="closing"/>, which ends it when the pump stops by itself
    /// (--count, --seconds, Ctrl+C); the pump then reads the stream to the node's end of it, so that the stream's
    /// <see cref="HwbpStream{T}.Dropped"/> is known.
    /// </remarks>
    public static Task<int> RunAsync(
        HwbpSession? session,
        HwbpStream<HitEvent> hits,
        HitOptions options,
        ParseResult parsed,
        GlobalOptions global,
        CancellationToken cancellationToken,
        Func<Task>? closing = null) =>
        RunAsync(session, hits, Shapes.Hit, Format.Hit, options, parsed, global, cancellationToken, closing);

    public static async Task<int> RunAsync<T>(
        HwbpSession? session,
        HwbpStream<T> events,
        Action<Utf8JsonWriter, T> shape,
        Func<T, string> text,
        HitOptions options,
        ParseResult parsed,
        GlobalOptions global,
        CancellationToken cancellationToken,
        Func<Task>? closing = null)
        where T : class, Google.Protobuf.IMessage<T>, new()
    {
        var printer = global.Printer(parsed);
        var count = parsed.GetValue(options.Count);
        var seconds = parsed.GetValue(options.Seconds);
        using var timeUp = seconds is { } s
            ? new CancellationTokenSource(TimeSpan.FromSeconds(s), global.Context.Time)
            : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeUp.Token, session?.LeaseLost ?? default);

        // Reads are not cancelled when the pump stops: after the close, the read still waiting may see the stream's end.
        var reading = events.GetAsyncEnumerator(CancellationToken.None);
        Task<bool>? pending = null;
        try
        {
            var seen = 0;
            try
            {
                while (await (pending = reading.MoveNextAsync().AsTask()).WaitAsync(stop.Token))
                {
                    pending = null;
                    await printer.WriteAsync(w => shape(w, reading.Current), text(reading.Current));
                    if (++seen == count)
                    {
                        pending = await CloseAndReadToEndAsync(closing, reading, null, global.Context.Time);
                        return CliApp.Ok;
                    }
                }

                pending = null;
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
                pending = await CloseAndReadToEndAsync(closing, reading, pending, global.Context.Time);
                return CliApp.Ok;
            }

            await global.Context.Error.WriteLineAsync($"hwbp: the node ended the watch after {seen} event(s) (session closed or node stopping)");
            return CliApp.RpcError;
        }
        finally
        {
            // A read still waiting must not meet a disposed reader: it ends, faulted, when the caller disposes the stream.
            if (pending is not { IsCompleted: false })
            {
                await reading.DisposeAsync();
            }
            else
            {
                _ = pending.ContinueWith(
                    static read => read.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    // The session's close makes the node end the stream with its trailers (what still arrives is not printed); bounded, so
    // a node that does not answer leaves the drops unknown. Returns the read still waiting, if any.
    private static async Task<Task<bool>?> CloseAndReadToEndAsync<T>(
        Func<Task>? closing, IAsyncEnumerator<T> reading, Task<bool>? pending, TimeProvider time)
    {
        if (closing is null)
        {
            return pending;
        }

        try
        {
            await closing();
        }
        catch (Grpc.Core.RpcException)
        {
            return pending; // the node refused the close or is gone: the session's lease ends it
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        try
        {
            while (await (pending ??= reading.MoveNextAsync().AsTask()).WaitAsync(patience.Token))
            {
                pending = null;
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return pending;
        }
        catch (Grpc.Core.RpcException)
        {
            return null; // ended with an error status: no trailer to read
        }
    }
}
