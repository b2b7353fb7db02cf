using System.Diagnostics;
using System.Globalization;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;
using HwbpCluster.Testing;

namespace HwbpCluster.Client.Tests.Support;

/// <summary>python/fake_node.py on 127.0.0.1, started when python3-grpcio is installed; stops when its stdin closes.</summary>
public sealed class PythonNode : IAsyncLifetime
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("hwbp-pynode-");
    private Process? process;

    /// <summary>The server's address (a closed port when python3-grpcio is missing: the tests are skipped then).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1:1");

    public async Task InitializeAsync()
    {
        if (PythonGrpc.Missing is not null)
        {
            return;
        }

        var descriptors = PythonGrpc.WriteDescriptors(directory.FullName, HwbpReflection.Descriptor, HealthReflection.Descriptor);
        process = PythonGrpc.Start("fake_node.py", descriptors);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(bound.Token);
        Address = int.TryParse(line, CultureInfo.InvariantCulture, out var port)
            ? new Uri($"http://127.0.0.1:{port}")
            : throw new InvalidOperationException($"fake_node.py printed no port: {await process.StandardError.ReadToEndAsync(bound.Token)}");
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            process.StandardInput.Close();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }

            process.Dispose();
        }

        directory.Delete(recursive: true);
    }
}
