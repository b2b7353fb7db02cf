using System.Diagnostics;
using System.Text.Json;
using HwbpCluster.Rpc.Tests.Infrastructure;

namespace HwbpCluster.Rpc.Tests.Interop;

/// <summary>Runs every python3-grpcio client scenario once against our Kestrel server; the tests read the results.</summary>
public sealed class PythonClientRun : IAsyncLifetime
{
    private KestrelGrpcServer? server;

    /// <summary>The scenario results the python client printed, by scenario name.</summary>
    public JsonElement Results { get; private set; }

    public string Diagnostics { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (PythonGrpc.Missing is not null)
        {
            return;
        }

        server = await KestrelGrpcServer.StartAsync();
        using var process = Process.Start(PythonGrpc.StartInfo("client.py", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), PythonGrpc.DescriptorPath))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await process.WaitForExitAsync(timeout.Token);
        Diagnostics = await errors;
        var json = await output;
        Results = process.ExitCode == 0
            ? JsonDocument.Parse(json).RootElement.Clone()
            : throw new InvalidOperationException($"client.py exited with {process.ExitCode}: {Diagnostics}");
    }

    public JsonElement Scenario(string name) => Results.GetProperty(name);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
