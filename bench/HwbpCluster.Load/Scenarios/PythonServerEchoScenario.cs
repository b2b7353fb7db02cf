using System.Diagnostics;
using System.Globalization;

namespace HwbpCluster.Load.Scenarios;

/// <summary>Grpc.Net.Client to a python3-grpcio asyncio server on 127.0.0.1 (Debian's /usr/bin/python3).</summary>
public sealed class PythonServerEchoScenario : EchoScenario
{
    private Process? server;

    /// <inheritdoc />
    public override string Name => "echo: Grpc.Net.Client -> python grpcio aio server";

    /// <inheritdoc />
    protected override async Task<Uri> StartServerAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "echo_server.py"));
        server = Process.Start(info) ?? throw new InvalidOperationException("/usr/bin/python3 did not start.");
        var line = await server.StandardOutput.ReadLineAsync(cancellationToken);
        return int.TryParse(line, CultureInfo.InvariantCulture, out var port)
            ? new Uri($"http://127.0.0.1:{port}")
            : throw new InvalidOperationException(
                $"echo_server.py printed no port (is python3-grpcio installed?): {await server.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (server is null)
        {
            return;
        }

        server.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await server.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill();
        }

        server.Dispose();
    }
}
