using System.Text.Json;
using Grpc.Core;
using HwbpCluster.Node.Audit;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Audit;

/// <summary>The audit log, read back after a scripted run, holds every event of it, with token names and never a secret.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private const ulong KernelText = 0xFFFF_FFFF_8100_0000;
    private readonly string folder = Directory.CreateTempSubdirectory("hwbp-audit-").FullName;
    private string tokensFile = null!;

    public async Task InitializeAsync()
    {
        tokensFile = Path.Combine(folder, "tokens.json");
        await File.WriteAllTextAsync(tokensFile, """
            {"tokens": [
              {"token": "perf-secret-value", "name": "ci-perf", "kinds": ["PERF"]},
              {"token": "root-secret-value", "name": "root", "admin": true}
            ]}
            """);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_scripted_run_leaves_every_event_in_the_audit_log()
    {
        var audit = Path.Combine(folder, "audit.jsonl");
        await using var server = await NodeServer.StartAsync("--auth-tokens-file", tokensFile, "--audit-log", audit);
        var perf = server.Client("perf-secret-value");
        var root = server.Client("root-secret-value");
        await Scenario.RunTaskAsync(root, 100, 1);

        // Four grants fill CPU 1 for task 100; a fifth is refused.
        var session = await perf.OpenAsync(name: "perf-record");
        var granted = new List<Reservation>();
        for (var i = 0; i < 4; i++)
        {
            granted.Add(await perf.ReserveAsync(session, Proto.Task(100), Proto.Write(0x1000 + ((ulong)i * 8))));
        }

        await Proto.FailsWith(StatusCode.ResourceExhausted, () => perf.ReserveAsync(session, Proto.Task(100), Proto.Write(0x2000)));

        // kgdb preempts a perf breakpoint; a KVM guest suspends the rest on its CPU; one is released.
        var kgdb = await root.OpenAsync(ClientKind.Kgdb);
        await root.ReserveAsync(kgdb, Proto.AllCpus(), Proto.Execute(KernelText));
        var kvm = await root.OpenAsync(ClientKind.Kvm);
        await root.CallAsync(Api.EnterGuest, new EnterGuestRequest { SessionId = kvm, Cpu = 1 });
        await root.CallAsync(Api.ExitGuest, new ExitGuestRequest { SessionId = kvm, Cpu = 1 });
        await perf.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = granted[0].Id });

        // A session whose lease runs out.
        var leased = await perf.OpenAsync(ttlMs: 1000, name: "short");
        await Scenario.RunTaskAsync(root, 200, 0);
        var expiring = await perf.ReserveAsync(leased, Proto.Task(200), Proto.Write(0x3000));
        server.Time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntilAsync(async () => !(await root.ListAsync()).Any(r => r.Id == expiring.Id));
        await perf.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });

        await server.Service<AuditLog>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        var text = await File.ReadAllTextAsync(audit);
        var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        bool Has(string name, string sessionId, string? reservation = null) => records.Any(r =>
            r.GetProperty("event").GetString() == name && r.GetProperty("session").GetString() == sessionId
            && (reservation is null || r.GetProperty("reservation").GetString() == reservation));

        Assert.True(Has("session-opened", session), text);
        Assert.All(granted, g => Assert.True(Has("granted", session, g.Id), g.Id));
        Assert.True(Has("refused", session), "no refusal");
        Assert.True(Has("preempted", session), "no preemption");
        Assert.True(Has("suspended", session), "no suspension");
        Assert.True(Has("released", session, granted[0].Id), "no release");
        Assert.True(Has("lease-expired", leased, expiring.Id), "no lease expiry");
        Assert.True(Has("session-ended", leased), "the expired session did not end");
        Assert.True(Has("session-ended", session), "the closed session did not end");
        var opened = records.First(r => r.GetProperty("event").GetString() == "session-opened" && r.GetProperty("session").GetString() == session);
        Assert.Equal("ci-perf", opened.GetProperty("token").GetString());
        var grant = records.First(r => r.GetProperty("event").GetString() == "granted");
        Assert.Equal("h1", grant.GetProperty("host").GetString());
        Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_rotates_by_size_keeping_the_files_asked_for()
    {
        var audit = Path.Combine(folder, "rotating.jsonl");
        await using var server = await NodeServer.StartAsync("--audit-log", audit, "--audit-log-max-bytes", "4096", "--audit-log-files", "2");
        var client = server.Client();
        for (var i = 0; i < 60; i++)
        {
            var session = await client.OpenAsync(name: new string('c', 40));
            await client.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });
        }

        await server.Service<AuditLog>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.True(File.Exists(audit + ".1") && File.Exists(audit + ".2"), "the log did not rotate twice");
        Assert.False(File.Exists(audit + ".3"), "more rotated files than --audit-log-files");
        Assert.InRange(new FileInfo(audit + ".1").Length, 4096, 4096 + 2048);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
