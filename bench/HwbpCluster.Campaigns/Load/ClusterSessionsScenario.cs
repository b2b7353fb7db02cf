using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using HwbpCluster.Campaigns.Nodes;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Load;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Load;

/// <summary>
/// Many watched sessions spread over a cluster of real node processes; one call is one session's cycle (reserve on a host
/// that changes every cycle, so most reservations are forwarded to another node, keep alive, release).
/// </summary>
/// <remarks>
/// Session i reserves CPU i mod <see cref="Cpus"/>: with at most 4 x <see cref="Cpus"/> sessions no CPU ever has more
/// holders than its 4 slots, so every refusal is unexpected.
/// </remarks>
public sealed class ClusterSessionsScenario(int nodeCount, int sessionCount) : LoadScenario
{
    /// <summary>CPUs of each simulated host.</summary>
    public const int Cpus = 256;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly List<NodeProcess> nodes = [];
    private readonly List<GrpcChannel> channels = [];
    private readonly ConcurrentQueue<(WatchedSession Session, int Index)> idle = new();
    private readonly List<WatchedSession> sessions = [];
    private readonly ConcurrentDictionary<int, long> cycles = new();
    private readonly ConcurrentDictionary<StatusCode, long> unexpected = new();

    /// <inheritdoc />
    public override string Name => $"cluster of {nodeCount} processes: {sessionCount} watched sessions reserve, keep alive, release";

    /// <summary>The node processes, once set up.</summary>
    public IReadOnlyList<NodeProcess> Nodes => nodes;

    /// <summary>Calls that failed, by status; every one is unexpected.</summary>
    public IReadOnlyDictionary<StatusCode, long> Unexpected => unexpected;

    /// <summary>A gRPC channel to each node.</summary>
    public IReadOnlyList<GrpcChannel> Channels => channels;

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sessionCount, 4 * Cpus);
        var ports = Enumerable.Range(0, nodeCount).Select(_ => NodeProcess.FreeLoopbackPort()).ToArray();
        var seeds = string.Join(",", ports.Take(2).Select(p => $"http://127.0.0.1:{p}"));
        nodes.AddRange(await Task.WhenAll(ports.Select((port, i) => NodeLaunch.StartAsync(port,
            ["--node-name", $"n{i + 1}", "--host-name", $"h{i + 1}", "--cpus", $"{Cpus}", "--seeds", seeds], cancellationToken))));
        channels.AddRange(ports.Select(p => GrpcChannel.ForAddress(NodeLaunch.Grpc(p))));
        foreach (var channel in channels)
        {
            await WaitAllUpAsync(channel, cancellationToken);
        }
    }

    /// <summary>Opens the sessions and their watches, spread evenly over the nodes, in place of any closed before.</summary>
    public async Task OpenSessionsAsync(CancellationToken cancellationToken)
    {
        sessions.Clear();
        idle.Clear();
        using var gate = new SemaphoreSlim(32);
        var opened = await Task.WhenAll(Enumerable.Range(0, sessionCount).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await WatchedSession.OpenAsync(
                    new Arbiter.ArbiterClient(channels[i % nodeCount]), $"load-{i}", 30_000, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        sessions.AddRange(opened);
        for (var i = 0; i < opened.Length; i++)
        {
            idle.Enqueue((opened[i], i));
        }
    }

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken)
    {
        if (!idle.TryDequeue(out var taken))
        {
            throw new InvalidOperationException("more workers than sessions");
        }

        try
        {
            var cycle = cycles.AddOrUpdate(taken.Index, 1, (_, n) => n + 1);
            await taken.Session.CycleAsync($"h{((taken.Index + cycle) % nodeCount) + 1}", (uint)(taken.Index % Cpus), cancellationToken);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            unexpected.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
            throw;
        }
        finally
        {
            idle.Enqueue(taken);
        }
    }

    /// <summary>Closes every session; returns the reservations made in all and those the watches never showed released.</summary>
    public async Task<(long Made, long Unseen)> CloseSessionsAsync(CancellationToken cancellationToken)
    {
        var unseen = await Task.WhenAll(sessions.Select(async s =>
        {
            try
            {
                return await s.CloseAsync(cancellationToken);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                // A close or a watch that failed is reported with the other failed calls instead of ending the campaign.
                unexpected.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
                return 0L;
            }
        }));
        return (sessions.Sum(s => (long)s.Made), unseen.Sum());
    }

    /// <summary>Reservations each node still lists, on every host it reaches.</summary>
    public async Task<IReadOnlyList<int>> ReservationsLeftAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(channels.Select(async c => (await new Arbiter.ArbiterClient(c).ListReservationsAsync(
            new ListReservationsRequest(), deadline: DateTime.UtcNow + Bound, cancellationToken: cancellationToken)).Reservations.Count));

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private async Task WaitAllUpAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                var members = await new Fleet.FleetClient(channel).ListMembersAsync(
                    new ListMembersRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
                if (members.Members.Count(m => m.Status == MemberStatus.Up && m.Reachable) == nodeCount)
                {
                    return;
                }
            }
            catch (RpcException) when (DateTime.UtcNow < until)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"the cluster did not have {nodeCount} members Up within {Bound}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
