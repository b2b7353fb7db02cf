using Grpc.Core;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;
using HwbpCluster.Testing;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Client.Tests.Interop;

/// <summary>The SDK against a python3-grpcio server: what it promises holds against a standard C-core implementation too.</summary>
public sealed class PythonServerTests(PythonNode python) : IClassFixture<PythonNode>
{
    [PythonGrpcFact]
    public async Task Typed_calls_and_the_bearer_token_reach_the_server()
    {
        await using var client = HwbpClient.Connect(python.Address, new HwbpClientOptions { BearerToken = "py-token" });

        var host = await client.GetHostAsync();

        Assert.Equal(("Bearer py-token", "python"), (host.Host, host.Backend));
        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync());
    }

    [PythonGrpcFact]
    public async Task A_status_arrives_with_its_unicode_detail_unchanged()
    {
        await using var client = HwbpClient.Connect(python.Address);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ReserveAsync(new ReserveRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("cpu 0: 4 of 4 slots held by ünïcode 100% ✓", ex.Status.Detail);
    }

    [PythonGrpcFact]
    public async Task The_default_deadline_ends_a_call_the_server_never_answers()
    {
        await using var client = HwbpClient.Connect(python.Address, new HwbpClientOptions { DefaultDeadline = TimeSpan.FromMilliseconds(300) });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.KeepAliveAsync(new KeepAliveRequest()));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [PythonGrpcFact]
    public async Task Cancelling_a_call_throws_operation_cancelled()
    {
        await using var client = HwbpClient.Connect(python.Address);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.KeepAliveAsync(new KeepAliveRequest(), cancel.Token));
    }

    [PythonGrpcFact]
    public async Task A_watch_delivers_every_event_then_reads_the_dropped_trailer()
    {
        await using var client = HwbpClient.Connect(python.Address);
        await using var hits = await client.StartWatchHitsAsync(new WatchHitsRequest { SessionId = "py" });

        var cpus = new List<uint>();
        await foreach (var hit in hits)
        {
            cpus.Add(hit.Cpu);
        }

        Assert.Equal([1u, 2u], cpus);
        Assert.Equal(3, hits.Dropped);
    }
}
