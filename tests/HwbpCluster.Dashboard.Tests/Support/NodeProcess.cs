using System.Diagnostics;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>The built hwbp-node as a process of its own, so a test can kill it with -9 as a crash would.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;

    private NodeProcess(Process process) => this.process = process;

    /// <summary>Starts <c>dotnet hwbp-node.dll</c> with <paramref name="args"/>, logging warnings only (output read and dropped).</summary>
    public static NodeProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hwbp-node.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // Drained, so a chatty node never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process);
    }

    /// <summary>Kills the node at once (SIGKILL), as a crash or a pulled plug would end it.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
