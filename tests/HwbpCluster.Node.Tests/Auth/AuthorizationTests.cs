using Grpc.Core;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Auth;

/// <summary>Who may see and touch what: a token sees its own sessions in full and others' only as slots held by a kind.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private const string Tokens = """
        {"tokens": [
          {"token": "perf-secret", "name": "ci-perf", "kinds": ["PERF"]},
          {"token": "ptrace-secret", "name": "gdb-user", "kinds": ["PTRACE"]},
          {"token": "sim-secret", "name": "sim-driver", "kinds": ["PERF", "SIM"]},
          {"token": "admin-secret", "name": "root", "admin": true}
        ]}
        """;

    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"hwbp-tokens-{Guid.NewGuid():N}.json");
    private NodeServer server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokensFile, Tokens);
        server = await NodeServer.StartAsync("--auth-tokens-file", tokensFile, "--max-sessions-per-token", "3");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        File.Delete(tokensFile);
    }

    [Fact]
    public async Task A_token_sees_others_reservations_only_as_slots_held_by_a_kind()
    {
        await Scenario.RunTaskAsync(server.Client("admin-secret"), 100, 0);
        var gdb = server.Client("ptrace-secret");
        var gdbSession = await gdb.OpenAsync(ClientKind.Ptrace, name: "gdb-7");
        var theirs = await gdb.ReserveAsync(gdbSession, Proto.Task(100), Proto.Write(0x7000), label: "secret-var");
        var perf = server.Client("perf-secret");
        var perfSession = await perf.OpenAsync();
        var mine = await perf.ReserveAsync(perfSession, Proto.Task(100), Proto.Write(0x1000), label: "mine");

        var seen = (await perf.ListAsync()).ToDictionary(r => r.Id);

        Assert.Equal(perfSession, seen[mine.Id].SessionId);
        Assert.Equal(0x1000ul, seen[mine.Id].Breakpoint.Address);
        Assert.Equal("mine", seen[mine.Id].Label);
        var other = seen[theirs.Id];
        Assert.Equal((ClientKind.Ptrace, "", "", (Breakpoint?)null), (other.ClientKind, other.SessionId, other.Label, other.Breakpoint));
        Assert.Equal(theirs.Scope, other.Scope);

        // An admin sees everything.
        var admin = (await server.Client("admin-secret").ListAsync()).Single(r => r.Id == theirs.Id);
        Assert.Equal((gdbSession, "secret-var", 0x7000ul), (admin.SessionId, admin.Label, admin.Breakpoint.Address));
    }

    [Fact]
    public async Task Listing_another_tokens_session_is_permission_denied()
    {
        var gdbSession = await server.Client("ptrace-secret").OpenAsync(ClientKind.Ptrace);

        await Proto.FailsWith(StatusCode.PermissionDenied, () => server.Client("perf-secret").ListAsync(gdbSession));
        Assert.Empty(await server.Client("ptrace-secret").ListAsync(gdbSession));
    }

    [Fact]
    public async Task Get_host_hides_what_others_armed_and_which_session_borrowed_a_cpu()
    {
        var sim = server.Client("sim-secret");
        await Scenario.RunTaskAsync(sim, 700, 0);
        var perf = server.Client("perf-secret");
        var perfSession = await perf.OpenAsync();
        var theirs = await perf.ReserveAsync(perfSession, Proto.Task(700), Proto.Write(0x5000));
        var simSession = await sim.OpenAsync();
        var mine = await sim.ReserveAsync(simSession, Proto.Task(700), Proto.Write(0x6000));

        var cpu0 = (await sim.CallAsync(Api.GetHost, new GetHostRequest())).Cpus.Single(c => c.Cpu == 0);

        var slots = cpu0.Slots.Where(s => s.ReservationId.Length > 0).ToDictionary(s => s.ReservationId);
        Assert.Null(slots[theirs.Id].Breakpoint);
        Assert.Equal(0x6000ul, slots[mine.Id].Breakpoint.Address);
        var adminView = (await server.Client("admin-secret").CallAsync(Api.GetHost, new GetHostRequest())).Cpus.Single(c => c.Cpu == 0);
        Assert.Equal(0x5000ul, adminView.Slots.Single(s => s.ReservationId == theirs.Id).Breakpoint.Address);
    }

    [Fact]
    public async Task The_simulator_needs_an_admin_token_or_the_sim_right()
    {
        var ex = await Proto.FailsWith(
            StatusCode.PermissionDenied, () => server.Client("perf-secret").CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 500 }));
        Assert.Contains("SIM", ex.Status.Detail, StringComparison.Ordinal);

        await server.Client("sim-secret").CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 501 });
        await server.Client("admin-secret").CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 502 });
    }

    [Fact]
    public async Task A_perf_token_cannot_release_a_ptrace_tokens_reservation_through_the_simulator()
    {
        var gdb = server.Client("ptrace-secret");
        var session = await gdb.OpenAsync(ClientKind.Ptrace);
        await server.Client("admin-secret").CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 600 });
        var held = await gdb.ReserveAsync(session, Proto.Task(600), Proto.Write(0x8000));

        await Proto.FailsWith(StatusCode.PermissionDenied, () => server.Client("perf-secret").CallAsync(Api.ExitTask, new ExitTaskRequest { Tid = 600 }));

        Assert.Contains(await gdb.ListAsync(session), r => r.Id == held.Id);
    }

    [Fact]
    public async Task A_token_may_hold_only_so_many_sessions_and_a_closed_one_makes_room()
    {
        var perf = server.Client("perf-secret");
        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await perf.OpenAsync());
        }

        var ex = await Proto.FailsWith(StatusCode.ResourceExhausted, () => perf.OpenAsync());
        Assert.Contains("--max-sessions-per-token", ex.Status.Detail, StringComparison.Ordinal);
        await server.Client("ptrace-secret").OpenAsync(ClientKind.Ptrace); // another token's budget is its own

        await perf.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = sessions[0] });
        await perf.OpenAsync();
    }

    [Fact]
    public async Task Reloading_the_tokens_file_ends_the_sessions_of_a_removed_token_and_admits_a_new_one()
    {
        var gdb = server.Client("ptrace-secret");
        var session = await gdb.OpenAsync(ClientKind.Ptrace);
        await Scenario.RunTaskAsync(server.Client("admin-secret"), 100, 0);
        await gdb.ReserveAsync(session, Proto.Task(100), Proto.Write(0x7000));
        var perfSession = await server.Client("perf-secret").OpenAsync();

        await File.WriteAllTextAsync(tokensFile, Tokens.Replace("ptrace-secret", "new-secret", StringComparison.Ordinal)
            .Replace("gdb-user", "gdb-user-2", StringComparison.Ordinal));
        var ended = await server.Service<TokenReloader>().ReloadAsync();

        Assert.Equal(1, ended);
        await Proto.FailsWith(StatusCode.Unauthenticated, () => gdb.OpenAsync(ClientKind.Ptrace));
        Assert.DoesNotContain(await server.Client("admin-secret").ListAsync(), r => r.SessionId == session);
        await server.Client("new-secret").OpenAsync(ClientKind.Ptrace);
        await server.Client("perf-secret").CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = perfSession });
    }

    [Fact]
    public async Task A_tokens_file_that_does_not_reload_keeps_the_tokens_in_force()
    {
        var session = await server.Client("perf-secret").OpenAsync();
        await File.WriteAllTextAsync(tokensFile, "{ not json");

        Assert.Equal(0, await server.Service<TokenReloader>().ReloadAsync());

        await server.Client("perf-secret").CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session });
    }
}
