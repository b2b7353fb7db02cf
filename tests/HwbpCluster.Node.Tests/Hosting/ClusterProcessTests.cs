using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using Xunit.Abstractions;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>Three real hwbp-node processes on 127.0.0.1 in one cluster; one is killed with -9 and started again.</summary>
public sealed class ClusterProcessTests(ITestOutputHelper output)
{
    private const uint TtlMs = 2_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_killed_with_9_is_unreachable_its_hosts_unavailable_its_leases_released_and_it_rejoins_when_restarted()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => NodeProcess.FreeLoopbackPort()).ToArray();
        var urls = ports.Select(p => $"http://127.0.0.1:{p}").ToArray();
        string[] Args(int i) =>
            ["--node-name", $"n{i + 1}", "--host-name", $"h{i + 1}", "--cpus", "2", "--urls", urls[i], "--seeds", $"{urls[0]},{urls[1]}"];
        var nodes = Enumerable.Range(0, 3).Select(i => NodeProcess.Start(Args(i))).ToList();
        try
        {
            using var n1 = GrpcChannel.ForAddress(urls[0]);
            using var n2 = GrpcChannel.ForAddress(urls[1]);
            using var n3 = GrpcChannel.ForAddress(urls[2]);
            await WaitAsync(async () => (await MembersAsync(n1)).Count(m => m.Status == MemberStatus.Up) == 3, "3 members Up", Bound);

            // n3's session holds reservations on n1's and n2's hosts, forwarded by n3.
            var on3 = new NodeClient(n3, null);
            var session = await on3.OpenAsync(ttlMs: TtlMs);

            // Renewed like a live client's lease until the kill, so a slow (loaded) machine cannot expire it during set-up.
            using var renewing = new CancellationTokenSource();
            var renewals = RenewAsync(on3, session, renewing.Token);
            await on3.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000), host: "h1");
            await on3.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000), host: "h2");
            Assert.Single(await new NodeClient(n1, null).ListAsync(session, "h1"));

            await renewing.CancelAsync();
            await renewals;
            var killed = Stopwatch.StartNew();
            nodes[2].Kill();

            // Both clocks run from the kill: the leases must not wait for the failure detector, nor it for them.
            var unreachable = Since(killed, WaitAsync(async () => (await MembersAsync(n1)).Any(m => m.Node == "n3" && !m.Reachable),
                "n3 unreachable", TimeSpan.FromSeconds(5)));
            var released = Since(killed, WaitAsync(async () => (await new NodeClient(n1, null).ListAsync(host: "h1")).Count == 0
                && (await new NodeClient(n2, null).ListAsync(host: "h2")).Count == 0, "n3's leases released",
                TimeSpan.FromMilliseconds(TtlMs + 1_000)));
            await Task.WhenAll(unreachable, released);
            var refusal = await Proto.FailsWith(StatusCode.Unavailable,
                () => new NodeClient(n2, null).CallAsync(Api.GetHost, new GetHostRequest { Host = "h3" }));
            Assert.Contains("node 'n3'", refusal.Status.Detail, StringComparison.Ordinal);
            await WaitAsync(async () => (await MembersAsync(n1)).All(m => m.Node != "n3"), "n3 removed", TimeSpan.FromSeconds(15));
            output.WriteLine($"kill -9 -> unreachable {Ms(await unreachable)}, leases released {Ms(await released)}, removed {Ms(killed.Elapsed)}");

            await nodes[2].DisposeAsync();
            nodes[2] = NodeProcess.Start(Args(2));
            var restarted = Stopwatch.StartNew();
            await WaitAsync(async () => (await MembersAsync(n1)).Count(m => m.Status == MemberStatus.Up && m.Reachable) == 3,
                "n3 back Up", Bound);
            output.WriteLine($"restart -> Up again {Ms(restarted.Elapsed)}");
            Assert.Empty(await new NodeClient(n3, null).ListAsync(host: "h1"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task RenewAsync(NodeClient client, string session, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await client.CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session }, CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(TtlMs / 4), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<IReadOnlyList<Member>> MembersAsync(GrpcChannel channel)
    {
        try
        {
            return (await new Fleet.FleetClient(channel).ListMembersAsync(new ListMembersRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Members;
        }
        catch (RpcException)
        {
            return [];
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms; fails after <paramref name="within"/>.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < within, $"timed out after {within} waiting for: {what}");
            await Task.Delay(50);
        }
    }

    private static async Task<TimeSpan> Since(Stopwatch clock, Task wait)
    {
        await wait;
        return clock.Elapsed;
    }

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:0} ms";
}
