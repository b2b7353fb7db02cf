using System.Diagnostics;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Interop;

/// <summary>A python3-grpcio client drives the node: a standard gRPC implementation, not our channel, sees the services work.</summary>
public sealed class PythonClientTests
{
    private const string Python = PythonGrpcFactAttribute.Python;

    [PythonGrpcFact]
    public async Task A_python_grpcio_client_opens_reserves_watches_modifies_and_releases()
    {
        await using var server = await NodeServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("hwbp-py-");
        try
        {
            var hwbp = Path.Combine(directory.FullName, "hwbp.pb");
            var health = Path.Combine(directory.FullName, "health.pb");
            await File.WriteAllBytesAsync(hwbp, HwbpReflection.Descriptor.SerializedData.ToByteArray());
            await File.WriteAllBytesAsync(health, HealthReflection.Descriptor.SerializedData.ToByteArray());

            var (code, output, error) = await RunAsync(
                Path.Combine(AppContext.BaseDirectory, "python", "node_client.py"),
                $"{server.Address.Host}:{server.Address.Port}",
                hwbp,
                health);

            Assert.True(code == 0, $"exit {code}: {output} {error}");
            Assert.EndsWith("ok", output.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Python} did not start");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(bound.Token);
        var error = process.StandardError.ReadToEndAsync(bound.Token);
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await output, await error);
    }
}
