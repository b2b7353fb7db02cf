using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HwbpCluster.Node.Hosting;

/// <summary>
/// This hwbp-node executable started as a child process (<c>dotnet hwbp-node.dll ARGS</c>): the one launcher the demo and the
/// process tests share. Its output is read as it comes (a full pipe would stall the node), kept, and its banner awaited.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>How the node's one banner line begins (<see cref="NodeBanner"/>).</summary>
    public const string BannerPrefix = "hwbp-node ";

    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly Task _readers;

    private NodeProcess(Process process)
    {
        _process = process;
        _readers = ReadAllAsync();
    }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The lines the node wrote to standard output so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The lines the node wrote to standard error so far.</summary>
    public IReadOnlyList<string> Error => [.. _error];

    /// <summary>
    /// Starts <c>dotnet hwbp-node.dll</c> (the assembly this class lives in) with <paramref name="args"/>.
    /// </summary>
    /// <param name="args">The node's switches, e.g. <c>--urls http://127.0.0.1:0 --cpus 4</c>.</param>
    /// <param name="logLevel">The default log level (<c>Logging__LogLevel__Default</c>); null keeps the node's own.</param>
    /// <param name="environment">More environment variables for the node (e.g. <c>Hwbp__SeedToken</c>).</param>
    /// <param name="launcher">A command that runs the node in turn and becomes it (exec), e.g. <c>ip netns exec NS</c>; none = run it directly.</param>
    public static NodeProcess Start(
        IEnumerable<string> args, string? logLevel = "Warning", IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] command = [.. launcher ?? [], dotnet, typeof(NodeProcess).Assembly.Location];
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var part in command.Skip(1))
        {
            info.ArgumentList.Add(part);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (logLevel is not null)
        {
            info.Environment["Logging__LogLevel__Default"] = logLevel;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new NodeProcess(Process.Start(info) ?? throw new InvalidOperationException($"{command[0]} did not start"));
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for nodes whose addresses must be known before they start, e.g. seeds).</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The first gRPC address a banner line names (after " on ").</summary>
    public static Uri AddressOf(string banner)
    {
        ArgumentNullException.ThrowIfNull(banner);
        var on = banner.IndexOf(" on ", StringComparison.Ordinal);
        return on < 0 ? throw new FormatException($"not a banner: {banner}") : new Uri(banner[(on + 4)..].Split(' ')[0]);
    }

    /// <summary>The node's banner line, once it listens.</summary>
    /// <exception cref="InvalidOperationException">The node exited first (its exit code and standard error in the message).</exception>
    public Task<string> BannerAsync(CancellationToken cancellationToken) => _banner.Task.WaitAsync(cancellationToken);

    /// <summary>Kills the node at once, as <c>kill -9</c> does (SIGKILL on Unix): no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits for the process to end and its output to be read.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _readers.WaitAsync(cancellationToken);
    }

    /// <summary>Kills the node if it still runs and waits (bounded) for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var bound = new CancellationTokenSource(ExitBound);
            await WaitForExitAsync(bound.Token);
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task ReadAllAsync()
    {
        await Task.WhenAll(ReadAsync(_process.StandardOutput, _output, banner: true), ReadAsync(_process.StandardError, _error, banner: false));

        // Both pipes closed without a banner: the node ended; say why.
        await _process.WaitForExitAsync();
        _banner.TrySetException(new InvalidOperationException(
            $"hwbp-node exited ({_process.ExitCode}) without a banner: {string.Join(Environment.NewLine, _error)}"));
    }

    private async Task ReadAsync(StreamReader reader, ConcurrentQueue<string> lines, bool banner)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
            if (banner && line.StartsWith(BannerPrefix, StringComparison.Ordinal))
            {
                _banner.TrySetResult(line);
            }
        }
    }
}
