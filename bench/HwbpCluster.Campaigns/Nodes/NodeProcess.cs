using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HwbpCluster.Campaigns.Nodes;

/// <summary>One real hwbp-node process (dotnet hwbp-node.dll next to this assembly) on 127.0.0.1, logging warnings and up.</summary>
/// <remarks>Its output is drained all along (a full pipe would stall the node) and kept, so a campaign can show what it logged.</remarks>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder errors = new();
    private readonly TaskCompletionSource<string> banner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, Uri grpc)
    {
        this.process = process;
        Grpc = grpc;
    }

    /// <summary>The node's gRPC (h2c) address.</summary>
    public Uri Grpc { get; }

    /// <summary>The operating system's process id, for /proc.</summary>
    public int Pid => process.Id;

    /// <summary>False once the process has ended.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>The start banner line.</summary>
    public Task<string> Banner => banner.Task;

    /// <summary>What the node wrote to standard error so far (warnings, errors).</summary>
    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Starts a node on <paramref name="grpcPort"/> with <paramref name="args"/> added; returns once its banner is printed.</summary>
    public static async Task<NodeProcess> StartAsync(int grpcPort, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hwbp-node.dll"));
        foreach (var arg in args.Concat(["--urls", $"http://127.0.0.1:{grpcPort}"]))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var node = new NodeProcess(
            Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), new Uri($"http://127.0.0.1:{grpcPort}"));
        node.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("hwbp-node ", StringComparison.Ordinal) == true)
            {
                node.banner.TrySetResult(e.Data);
            }
        };
        node.process.ErrorDataReceived += (_, e) =>
        {
            lock (node.errors)
            {
                node.errors.AppendLine(e.Data);
            }
        };
        node.process.EnableRaisingEvents = true;
        node.process.Exited += (_, _) => node.banner.TrySetException(
            new InvalidOperationException($"hwbp-node exited ({node.process.ExitCode}) before its banner: {node.Errors}"));
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        try
        {
            await node.banner.Task.WaitAsync(StartBound, cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>A loopback TCP port free right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(new CancellationTokenSource(StartBound).Token);
        process.Dispose();
    }
}
