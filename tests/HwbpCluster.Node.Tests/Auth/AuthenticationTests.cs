using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Node.Tests.Auth;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private const ulong KernelAddress = 0xFFFF_FFFF_8100_0000;
    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"hwbp-tokens-{Guid.NewGuid():N}.json");
    private NodeServer server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokensFile, """
            {"tokens": [
              {"token": "perf-secret", "name": "ci-perf", "kinds": ["PERF", "PTRACE"]},
              {"token": "kgdb-secret", "name": "kdb", "kinds": ["KGDB"]},
              {"token": "admin-secret", "name": "root", "admin": true}
            ]}
            """);
        server = await NodeServer.StartAsync("--auth-tokens-file", tokensFile);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        File.Delete(tokensFile);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var ex = await Proto.FailsWith(StatusCode.Unauthenticated, () => server.Client().OpenAsync());
        Assert.Contains("Bearer", ex.Status.Detail, StringComparison.Ordinal);
        await Proto.FailsWith(StatusCode.Unauthenticated, () => server.Client().CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 5 }));
        await Proto.FailsWith(StatusCode.Unauthenticated, () => server.Client().CallAsync(Api.ListMembers, new ListMembersRequest()));
    }

    [Fact]
    public async Task A_call_with_an_unknown_token_is_unauthenticated() =>
        await Proto.FailsWith(StatusCode.Unauthenticated, () => server.Client("perf-secreT").OpenAsync());

    [Fact]
    public async Task Health_answers_without_a_token_for_probes()
    {
        var response = await server.Client().CallAsync(Api.HealthCheck, new HealthCheckRequest { Service = "hwbp.v1.Arbiter" });
        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData(ClientKind.Kgdb)]
    [InlineData(ClientKind.Kvm)]
    public async Task A_session_of_a_kind_the_token_does_not_allow_is_permission_denied(ClientKind kind)
    {
        var ex = await Proto.FailsWith(StatusCode.PermissionDenied, () => server.Client("perf-secret").OpenAsync(kind));
        Assert.Contains("ci-perf", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_answers_only_to_the_token_that_opened_it()
    {
        var session = await server.Client("perf-secret").OpenAsync();
        await Proto.FailsWith(
            StatusCode.PermissionDenied,
            () => server.Client("admin-secret").CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session }));
        await server.Client("perf-secret").CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session });
    }

    [Fact]
    public async Task Kernel_addresses_and_cpu_wide_breakpoints_need_a_privileged_token()
    {
        var perf = server.Client("perf-secret");
        var session = await perf.OpenAsync();
        await Scenario.RunTaskAsync(server.Client("admin-secret"), 100, 0);
        await perf.ReserveAsync(session, Proto.Task(100), Proto.Write(0x1000));
        await Proto.FailsWith(StatusCode.PermissionDenied, () => perf.ReserveAsync(session, Proto.Task(100), Proto.Write(KernelAddress)));
        await Proto.FailsWith(StatusCode.PermissionDenied, () => perf.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000)));

        var admin = server.Client("admin-secret");
        var privileged = await admin.OpenAsync();
        await admin.ReserveAsync(privileged, Proto.Cpu(0), Proto.Write(KernelAddress));
    }

    [Fact]
    public async Task A_kgdb_token_opens_privileged_kgdb_sessions_for_wide_kernel_breakpoints()
    {
        var kgdb = server.Client("kgdb-secret");
        var session = await kgdb.OpenAsync(ClientKind.Kgdb);
        var reservation = await kgdb.ReserveAsync(session, Proto.AllCpus(), Proto.Execute(KernelAddress));
        Assert.Equal(ClientKind.Kgdb, reservation.ClientKind);
    }
}
