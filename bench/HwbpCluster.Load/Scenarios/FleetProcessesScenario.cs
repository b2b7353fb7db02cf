using System.Collections.Concurrent;
using Grpc.Net.Client;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Load.Scenarios;

/// <summary>FleetReserve ALL_OR_NOTHING over every simulated host of a cluster of hwbp-node processes on loopback.</summary>
/// <remarks>
/// Starts <c>nodes</c> processes of the built hwbp-node.dll (sim backend, 4 CPUs per host, the hosts spread evenly, one
/// label on every node), all seeded by the first; waits until the first sees every member Up and every host; opens one
/// perf session there. One call = one FleetReserve by label of a pinned write watch on cpu 0 of every host (prepare on
/// all, then commit on all), sent to the first node, which coordinates; the reservations are released after each call,
/// outside the measurement (<see cref="SettleAsync"/>), so every call meets free slots.
/// </remarks>
public sealed class FleetProcessesScenario(int nodes, int hosts) : LoadScenario
{
    private readonly List<NodeProcess> processes = [];
    private readonly ConcurrentQueue<FleetReserveResponse> reserved = new();
    private GrpcChannel? channel;
    private Fleet.FleetClient? fleet;
    private Arbiter.ArbiterClient? arbiter;
    private string session = string.Empty;

    /// <inheritdoc />
    public override string Name => $"FleetReserve all-or-nothing, {hosts} hosts on {nodes} node processes";

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        var urls = Enumerable.Range(0, nodes).Select(_ => $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}").ToArray();
        for (var i = 0; i < nodes; i++)
        {
            var share = (hosts / nodes) + (i < hosts % nodes ? 1 : 0);
            processes.Add(NodeProcess.Start([
                "--urls", urls[i], "--node-name", $"n{i + 1}", "--host-name", $"n{i + 1}h", "--sim-hosts", $"{share}", "--cpus", "4",
                "--backend", "sim", "--labels", "fleet=bench", "--seeds", urls[0], "--session-ttl-ms", "600000"]));
        }

        channel = GrpcChannel.ForAddress(urls[0]);
        fleet = new Fleet.FleetClient(channel);
        arbiter = new Arbiter.ArbiterClient(channel);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                var members = await fleet.ListMembersAsync(new ListMembersRequest(), cancellationToken: cancellationToken);
                var up = members.Members.Where(m => m.Status == MemberStatus.Up && m.Reachable).ToArray();
                if (up.Length == nodes && up.Sum(m => m.Hosts.Count) == hosts)
                {
                    break;
                }
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
                // The first node is not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the {nodes} nodes did not form one cluster with {hosts} hosts within 3 minutes");
            }

            await Task.Delay(200, cancellationToken);
        }

        session = (await arbiter.OpenSessionAsync(
            new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = "fleet-load", TtlMs = 600_000 }, cancellationToken: cancellationToken)).SessionId;
    }

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken)
    {
        var request = new FleetReserveRequest
        {
            SessionId = session,
            Selector = new HostSelector { Labels = { ["fleet"] = "bench" } },
            Mode = FleetMode.AllOrNothing,
            Template = new ReserveRequest
            {
                Scope = new Scope { Cpu = new CpuTarget { Cpu = 0 } },
                Breakpoint = new Breakpoint { Address = 0x7f00_0000_1000, Length = 8, Access = Access.Write },
                Pinned = true,
                Label = "fleet-load",
            },
        };
        var response = await fleet!.FleetReserveAsync(request, cancellationToken: cancellationToken);
        if (!response.Committed || response.Outcomes.Count != hosts)
        {
            // All or nothing: a call that did not commit kept nothing, so there is nothing to release.
            var failed = response.Outcomes.FirstOrDefault(o => o.StatusCode != 0);
            throw new InvalidOperationException($"not committed on {hosts} hosts: {failed?.Host} {failed?.Message}");
        }

        reserved.Enqueue(response);
    }

    /// <inheritdoc />
    public override async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (!reserved.TryDequeue(out var done))
        {
            return;
        }

        await Task.WhenAll(done.Outcomes.Where(o => o.Reservation is not null).Select(o =>
            arbiter!.ReleaseAsync(new ReleaseRequest { SessionId = session, ReservationId = o.Reservation.Id }, cancellationToken: cancellationToken).ResponseAsync));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        channel?.Dispose();
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
