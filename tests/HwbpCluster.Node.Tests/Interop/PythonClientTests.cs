using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Interop;

/// <summary>python3-grpcio clients drive the node: a standard C-core gRPC implementation, not ours, sees the services and the wire.</summary>
public sealed class PythonClientTests
{
    [PythonGrpcFact]
    public async Task A_python_grpcio_client_opens_reserves_watches_modifies_and_releases()
    {
        await using var server = await NodeServer.StartAsync();
        await AssertScriptSaysOkAsync("node_client.py", server);
    }

    [PythonGrpcFact]
    public async Task A_python_grpcio_client_sees_the_wire_contract()
    {
        var tokens = Path.Combine(Path.GetTempPath(), $"hwbp-py-tokens-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(tokens, """{"tokens": [{"token": "py-secret", "name": "py", "admin": true}]}""");
        try
        {
            await using var server = await NodeServer.StartAsync("--auth-tokens-file", tokens);
            await AssertScriptSaysOkAsync("node_wire.py", server, "py-secret");
        }
        finally
        {
            File.Delete(tokens);
        }
    }

    private static async Task AssertScriptSaysOkAsync(string script, NodeServer server, params string[] extra)
    {
        var directory = Directory.CreateTempSubdirectory("hwbp-py-");
        try
        {
            var descriptors = PythonGrpc.WriteDescriptors(directory.FullName, HwbpReflection.Descriptor, HealthReflection.Descriptor);
            using var python = PythonGrpc.Start(script, [$"{server.Address.Host}:{server.Address.Port}", .. extra, .. descriptors]);
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = python.StandardOutput.ReadToEndAsync(bound.Token);
            var error = python.StandardError.ReadToEndAsync(bound.Token);
            await python.WaitForExitAsync(bound.Token);

            Assert.True(python.ExitCode == 0, $"exit {python.ExitCode}: {await output} {await error}");
            Assert.EndsWith("ok", (await output).Trim(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
