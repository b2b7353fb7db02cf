using System.Diagnostics;
using System.Globalization;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>The python3-grpcio interop server as a subprocess on 127.0.0.1, on the port it prints; stops when its stdin closes.</summary>
public sealed class PythonGrpcServer : IAsyncLifetime
{
    private Process? process;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (PythonGrpc.Missing is not null)
        {
            return;
        }

        process = Process.Start(PythonGrpc.StartInfo("server.py", PythonGrpc.DescriptorPath))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, CultureInfo.InvariantCulture, out var port))
        {
            var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"server.py did not print its port: '{line}' {errors}");
        }

        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        process.Dispose();
    }
}
