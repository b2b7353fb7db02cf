using Grpc.Core;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Auth;

/// <summary>--max-reservations-per-token: counted across a token's sessions, refused past the limit, and every way a
/// reservation ends gives its room back.</summary>
public sealed class ReservationQuotaTests : IAsyncLifetime
{
    private const string Tokens = """
        {"tokens": [
          {"token": "perf-secret", "name": "ci-perf", "kinds": ["PERF", "KGDB"]},
          {"token": "other-secret", "name": "other", "kinds": ["PERF", "KGDB"]},
          {"token": "admin-secret", "name": "root", "admin": true}
        ]}
        """;

    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"hwbp-tokens-{Guid.NewGuid():N}.json");
    private NodeServer server = null!;
    private NodeClient perf = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokensFile, Tokens);
        server = await NodeServer.StartAsync("--auth-tokens-file", tokensFile, "--max-reservations-per-token", "3", "--cpus", "8");
        perf = server.Client("perf-secret");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        File.Delete(tokensFile);
    }

    private ReservationQuota Quota => server.Service<SessionRegistry>().Reservations;

    [Fact]
    public async Task The_limit_counts_every_session_of_the_token_and_refuses_one_more_naming_the_switch()
    {
        var first = await perf.OpenAsync();
        var second = await perf.OpenAsync();
        await perf.ReserveAsync(first, Proto.Cpu(0), Proto.Write(0x1000));
        await perf.ReserveAsync(second, Proto.Cpu(1), Proto.Write(0x1000));
        await perf.ReserveAsync(second, Proto.Cpu(2), Proto.Write(0x1000));

        var ex = await Proto.FailsWith(StatusCode.ResourceExhausted, () => perf.ReserveAsync(first, Proto.Cpu(3), Proto.Write(0x1000)));

        Assert.Contains("--max-reservations-per-token allows 3", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'ci-perf'", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await server.Client("admin-secret").ListAsync()).Count);
        Assert.Equal(3, Quota.HeldBy("ci-perf"));

        // Another token's budget is its own.
        var other = server.Client("other-secret");
        await other.ReserveAsync(await other.OpenAsync(), Proto.Cpu(3), Proto.Write(0x1000));
    }

    [Fact]
    public async Task A_fleet_reserve_claims_one_per_host_and_is_refused_whole_past_the_limit()
    {
        var session = await perf.OpenAsync();
        await perf.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
        await perf.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000));
        await perf.ReserveAsync(session, Proto.Cpu(2), Proto.Write(0x1000));

        var ex = await Proto.FailsWith(StatusCode.ResourceExhausted, () => perf.CallAsync(Api.FleetReserve, FleetRequest(session)));

        Assert.Contains("--max-reservations-per-token", ex.Status.Detail, StringComparison.Ordinal);
        await perf.CallAsync(Api.FleetRelease, new FleetReleaseRequest { SessionId = session });
        Assert.Equal(0, Quota.HeldBy("ci-perf"));
        var reserved = await perf.CallAsync(Api.FleetReserve, FleetRequest(session));
        Assert.True(reserved.Committed);
        Assert.Equal(1, Quota.HeldBy("ci-perf"));
    }

    [Fact]
    public async Task A_release_gives_its_room_back()
    {
        var session = await perf.OpenAsync();
        var held = await FillAsync(session);

        await perf.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = held[0].Id });

        Assert.Equal(2, Quota.HeldBy("ci-perf"));
        await perf.ReserveAsync(session, Proto.Cpu(5), Proto.Write(0x1000));
    }

    [Fact]
    public async Task Closing_a_session_gives_back_everything_it_held()
    {
        var session = await perf.OpenAsync();
        await FillAsync(session);

        await perf.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });

        Assert.Equal(0, Quota.HeldBy("ci-perf"));
        await FillAsync(await perf.OpenAsync());
    }

    [Fact]
    public async Task A_session_whose_lease_runs_out_gives_back_everything_it_held()
    {
        var session = await perf.OpenAsync(ttlMs: 1000);
        await FillAsync(session);

        server.Time.Advance(TimeSpan.FromMilliseconds(1001));

        await WaitAsync(() => Quota.HeldBy("ci-perf") == 0, "the expired session's reservations given back");
        await FillAsync(await perf.OpenAsync());
    }

    [Fact]
    public async Task A_revoked_tokens_sessions_give_back_everything_they_held()
    {
        await FillAsync(await perf.OpenAsync());

        await File.WriteAllTextAsync(tokensFile, Tokens.Replace("perf-secret", "perf-secret-2", StringComparison.Ordinal)
            .Replace("ci-perf", "ci-perf-2", StringComparison.Ordinal));
        Assert.Equal(1, await server.Service<TokenReloader>().ReloadAsync());

        Assert.Equal(0, Quota.HeldBy("ci-perf"));
        var renewed = server.Client("perf-secret-2");
        await FillAsync(renewed, await renewed.OpenAsync());
    }

    [Fact]
    public async Task Reservations_a_host_ends_by_itself_are_recounted_before_a_refusal()
    {
        var admin = server.Client("admin-secret");
        var session = await perf.OpenAsync();
        for (ulong tid = 700; tid < 703; tid++)
        {
            await Scenario.RunTaskAsync(admin, tid, 0);
            await perf.ReserveAsync(session, Proto.Task(tid), Proto.Write(0x1000));
        }

        // The task's exit releases its reservation on the host, not through this node: the count is stale until recounted.
        await admin.CallAsync(Api.ExitTask, new ExitTaskRequest { Tid = 700 });
        Assert.Equal(3, Quota.HeldBy("ci-perf"));

        await perf.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000));

        Assert.Equal(3, Quota.HeldBy("ci-perf"));
        await Proto.FailsWith(StatusCode.ResourceExhausted, () => perf.ReserveAsync(session, Proto.Cpu(2), Proto.Write(0x1000)));
    }

    private static FleetReserveRequest FleetRequest(string session) => new()
    {
        SessionId = session,
        Selector = new HostSelector { Hosts = { "h1" } },
        Mode = FleetMode.AllOrNothing,
        Template = new ReserveRequest { Scope = Proto.Cpu(4), Breakpoint = Proto.Write(0x2000), Pinned = true },
    };

    // Takes the token's whole budget (3) in one session and shows it is full.
    private Task<List<Reservation>> FillAsync(string session) => FillAsync(perf, session);

    private static async Task<List<Reservation>> FillAsync(NodeClient client, string session)
    {
        var held = new List<Reservation>();
        for (uint cpu = 0; cpu < 3; cpu++)
        {
            held.Add(await client.ReserveAsync(session, Proto.Cpu(cpu), Proto.Write(0x1000)));
        }

        await Proto.FailsWith(StatusCode.ResourceExhausted, () => client.ReserveAsync(session, Proto.Cpu(3), Proto.Write(0x1000)));
        return held;
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
