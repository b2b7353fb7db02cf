using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Campaigns.Nodes;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>
/// The fuzz campaign: one real node (with a web endpoint, and a cluster endpoint as its own seed) gets <c>count</c> seeded
/// random and mutated requests over every method, then garbage on each listening socket. It must answer every case with a
/// status other than UNKNOWN, stay SERVING, and keep nothing: once the fuzzer closes the sessions it was given, no session
/// and no reservation may remain.
/// </summary>
/// <param name="seed">The seed: the same seed and count make the same cases.</param>
/// <param name="count">Requests to send.</param>
/// <param name="garbagePerSocket">Garbage connections per listening socket.</param>
/// <param name="output">Progress and results.</param>
public sealed class FuzzCampaign(int seed, long count, int garbagePerSocket, TextWriter output)
{
    /// <summary>The longest lease a fuzzed OpenSession can get, so a session whose id never reached the fuzzer still ends.</summary>
    public const int MaxSessionTtlMs = 20_000;

    private const int InFlight = 8;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly FuzzReport report = new();
    private readonly IdPool pool = new();

    /// <summary>Runs the campaign and returns its report; <see cref="FuzzReport.Failures"/> is empty when the node held.</summary>
    public async Task<FuzzReport> RunAsync(CancellationToken cancellationToken)
    {
        int grpcPort = NodeProcess.FreeLoopbackPort(), webPort = NodeProcess.FreeLoopbackPort(), clusterPort = NodeProcess.FreeLoopbackPort();
        await using var node = await NodeLaunch.StartAsync(grpcPort,
        [
            "--node-name", "fuzz", "--cpus", "4", "--max-wait-ms", "500", "--max-session-ttl-ms", $"{MaxSessionTtlMs}",
            "--web-urls", $"http://127.0.0.1:{webPort}", "--cluster-urls", $"tcp://127.0.0.1:{clusterPort}", "--seeds", $"http://127.0.0.1:{grpcPort}",
        ], cancellationToken);
        using var channel = GrpcChannel.ForAddress(NodeLaunch.Grpc(grpcPort));
        await output.WriteLineAsync($"seed {seed}, {count} cases, node pid {node.Id}: {await node.BannerAsync(cancellationToken)}");
        await WaitAsync(async () => await SelfUpAsync(channel), "the node Up in its own cluster", cancellationToken);

        var clock = Stopwatch.StartNew();
        await SendCasesAsync(NodeLaunch.Grpc(grpcPort), channel, cancellationToken);
        await output.WriteLineAsync($"{count} cases in {clock.Elapsed.TotalSeconds:0.0} s ({count / clock.Elapsed.TotalSeconds:0} /s)");
        await CheckServingAsync(channel, "after the cases");
        await CheckNothingLeftAsync(channel, webPort, cancellationToken);

        clock.Restart();
        foreach (var (name, port) in new[] { ("grpc", grpcPort), ("web", webPort), ("cluster", clusterPort) })
        {
            await SendGarbageAsync(name, port, cancellationToken);
        }

        await output.WriteLineAsync($"garbage: {3 * garbagePerSocket} connections in {clock.Elapsed.TotalSeconds:0.0} s");
        await CheckServingAsync(channel, "after the garbage");
        await CheckEndpointsAsync(channel, webPort, clusterPort, cancellationToken);
        if (node.HasExited)
        {
            report.Fail("the node process ended");
        }

        CheckLog(NodeLaunch.Log(node));
        report.Write(output);
        await output.WriteLineAsync($"methods: {string.Join(", ", report.Methods.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {m.Value}"))}");
        await output.WriteLineAsync(report.Failures.Count == 0 ? "PASS" : $"FAIL: {report.Failures.Count} failures (seed {seed})");
        return report;
    }

    private async Task SendCasesAsync(Uri address, GrpcChannel channel, CancellationToken cancellationToken)
    {
        using var sender = new RawSender(address);
        var mutator = new Mutator(seed, new MessageGenerator(pool));
        var arbiter = new Arbiter.ArbiterClient(channel);
        long next = -1;
        var step = Math.Max(1, count / 10);
        var workers = Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var request = mutator.Make(i);
                var outcome = await sender.SendAsync(request, cancellationToken);
                report.Count($"{request.Kind} -> {outcome.Label}");
                report.CountMethod(request.Method.Path);
                if (outcome.Failure() is { } failure)
                {
                    var text = $"seed {seed} {request}\n  answer: {failure}";
                    report.Fail(text);
                    await output.WriteLineAsync($"FAILURE {text}");
                }
                else if (outcome.GrpcStatus == 0 && outcome.Response.Length > 0)
                {
                    await HarvestAsync(request.Method, outcome.Response, arbiter, cancellationToken);
                }

                if ((i + 1) % step == 0)
                {
                    await output.WriteLineAsync($"  {i + 1} cases, {report.Failures.Count} failures");
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
    }

    // Ids from successful answers feed later cases; sessions beyond the pool's window are closed at once (per-token limit).
    private async Task HarvestAsync(FuzzMethod method, byte[] response, Arbiter.ArbiterClient arbiter, CancellationToken cancellationToken)
    {
        Google.Protobuf.IMessage answer;
        try
        {
            answer = method.Output.Parser.ParseFrom(response);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return; // not a message of the method's type (e.g. a gRPC-Web answer to a mangled content-type): nothing to learn
        }

        switch (answer)
        {
            case OpenSessionResponse opened:
                foreach (var old in pool.AddSession(opened.SessionId))
                {
                    await CloseAsync(arbiter, old, cancellationToken);
                }

                break;
            case ReserveResponse reserved:
                pool.AddReservation(reserved.Reservation.Id);
                break;
            case ModifyResponse modified:
                pool.AddReservation(modified.Reservation.Id);
                break;
            case FleetReserveResponse fleet:
                foreach (var outcome in fleet.Outcomes.Where(o => o.Reservation is not null))
                {
                    pool.AddReservation(outcome.Reservation.Id);
                }

                break;
            case TaskInfo task:
                pool.AddTid(task.Tid);
                break;
        }
    }

    // Closing a session the fuzz already closed, or that expired, is NOT_FOUND or FAILED_PRECONDITION: both fine.
    private async Task<bool> CloseAsync(Arbiter.ArbiterClient arbiter, string session, CancellationToken cancellationToken)
    {
        try
        {
            await arbiter.CloseSessionAsync(new CloseSessionRequest { SessionId = session }, deadline: DateTime.UtcNow + Bound, cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return false;
        }
        catch (RpcException e)
        {
            report.Fail($"CloseSession {session}: {e.StatusCode} {e.Status.Detail}");
            return false;
        }
    }

    private async Task CheckNothingLeftAsync(GrpcChannel channel, int webPort, CancellationToken cancellationToken)
    {
        var arbiter = new Arbiter.ArbiterClient(channel);
        var closed = 0;
        foreach (var session in pool.EverySession)
        {
            closed += await CloseAsync(arbiter, session, cancellationToken) ? 1 : 0;
        }

        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
        var activeAtOnce = await ActiveSessionsAsync(web, cancellationToken);
        var clock = Stopwatch.StartNew();

        // Sessions whose id the fuzzer never read (an answer it could not parse) can only end by lease: wait out the longest.
        var active = activeAtOnce;
        while (active > 0 && clock.ElapsedMilliseconds < MaxSessionTtlMs + 5_000)
        {
            await Task.Delay(500, cancellationToken);
            active = await ActiveSessionsAsync(web, cancellationToken);
        }

        var left = (await arbiter.ListReservationsAsync(new ListReservationsRequest(), deadline: DateTime.UtcNow + Bound, cancellationToken: cancellationToken))
            .Reservations;
        await output.WriteLineAsync($"sessions: {pool.EverySession.Count} handed out, {closed} still open and closed by the fuzzer; " +
            $"active at once after {activeAtOnce}, after {clock.Elapsed.TotalSeconds:0.0} s {active}; reservations left {left.Count}");
        if (active != 0)
        {
            report.Fail($"{active} sessions still active {clock.Elapsed.TotalSeconds:0} s after the fuzzer closed every session it was given");
        }

        if (left.Count != 0)
        {
            report.Fail($"{left.Count} reservations left after every session closed, e.g. {left[0]}");
        }
    }

    private async Task SendGarbageAsync(string name, int port, CancellationToken cancellationToken)
    {
        long next = -1;
        var workers = Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < garbagePerSocket; i = Interlocked.Increment(ref next))
            {
                var random = new Random(HashCode.Combine(seed, name, i));
                var kind = (int)(i % SocketGarbage.Kinds.Count);
                var result = await SocketGarbage.SendAsync(port, kind, random, cancellationToken);
                report.Count($"garbage {name} {SocketGarbage.Kinds[kind].Kind} -> {result}");
                if (result == "refused")
                {
                    report.Fail($"seed {seed}: the {name} socket refused connection {i} (garbage {SocketGarbage.Kinds[kind].Kind})");
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
    }

    private async Task CheckServingAsync(GrpcChannel channel, string when)
    {
        try
        {
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + Bound);
            if (health.Status != ServingStatus.Serving)
            {
                report.Fail($"health {health.Status} {when}");
            }
        }
        catch (RpcException e)
        {
            report.Fail($"health check failed {when}: {e.Status}");
        }
    }

    private async Task CheckEndpointsAsync(GrpcChannel channel, int webPort, int clusterPort, CancellationToken cancellationToken)
    {
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
        using var metrics = await web.GetAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        if (!metrics.IsSuccessStatusCode)
        {
            report.Fail($"web endpoint answers /metrics with {(int)metrics.StatusCode} after the garbage");
        }

        if (!await SelfUpAsync(channel))
        {
            report.Fail("the node is no longer Up in its cluster after the garbage");
        }

        using var cluster = new System.Net.Sockets.TcpClient();
        await cluster.ConnectAsync(System.Net.IPAddress.Loopback, clusterPort, cancellationToken);
    }

    private void CheckLog(string errors)
    {
        // The node logs warnings and up; an error or critical entry means something it did not expect.
        // The console logger writes an entry's level and category on one line, its message and exception on the next two.
        var lines = errors.Split('\n');
        var bad = lines.Select((line, i) => (line, i))
            .Where(e => e.line.StartsWith("fail:", StringComparison.Ordinal) || e.line.StartsWith("crit:", StringComparison.Ordinal))
            .Select(e => string.Join(' ', lines.Skip(e.i).Take(3).Select(l => l.Trim())))
            .ToList();
        if (bad.Count > 0)
        {
            report.Fail($"the node logged {bad.Count} error entries, e.g. {string.Join(" | ", bad.Distinct().Take(3))}");
        }
    }

    private static async Task<long> ActiveSessionsAsync(HttpClient web, CancellationToken cancellationToken)
    {
        var text = await web.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        return text.Split('\n')
            .Where(l => l.StartsWith("hwbp_node_sessions_active", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static async Task<bool> SelfUpAsync(GrpcChannel channel)
    {
        try
        {
            var members = await new Fleet.FleetClient(channel).ListMembersAsync(new ListMembersRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            return members.Members.Any(m => m.Node == members.Self && m.Status == MemberStatus.Up);
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Bound)
            {
                throw new TimeoutException($"timed out after {Bound} waiting for {what}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
