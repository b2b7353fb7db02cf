using System.Collections.Concurrent;
using Grpc.Net.Client;
using HwbpCluster.Protos.V1;
using Microsoft.AspNetCore.Builder;

namespace HwbpCluster.Load.Scenarios;

/// <summary>A whole hwbp-node in this process (simulated 64-CPU x86-64 host, no tokens, logging off) and one perf session on it.</summary>
/// <remarks>CPU-bound watchpoints take a free slot ticket, so any number of workers up to 256 in flight never meets a full CPU.</remarks>
public abstract class NodeScenario : LoadScenario
{
    private const int Cpus = 64;
    private const int SlotsPerCpu = 4;
    private readonly ConcurrentQueue<uint> tickets = new(Enumerable.Range(0, Cpus * SlotsPerCpu).Select(i => (uint)(i % Cpus)));
    private WebApplication? app;
    private GrpcChannel? channel;
    private Arbiter.ArbiterClient? arbiter;
    private string session = string.Empty;

    /// <summary>The host the reservations go to; empty: the called node's own.</summary>
    protected virtual string TargetHost => string.Empty;

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        channel = GrpcChannel.ForAddress(await StartNodesAsync(cancellationToken));
        arbiter = new Arbiter.ArbiterClient(channel);
        session = (await arbiter.OpenSessionAsync(
            new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = "load" }, cancellationToken: cancellationToken)).SessionId;
    }

    /// <summary>Starts the node(s); returns the gRPC address the calls go to.</summary>
    protected virtual async Task<string> StartNodesAsync(CancellationToken cancellationToken)
    {
        app = await StartNodeAsync(["--urls", "http://127.0.0.1:0"], cancellationToken);
        return QuietNode.Address(app);
    }

    /// <summary>What every node of a scenario runs: a simulated 64-CPU host, long sessions.</summary>
    protected static string[] NodeSwitches => ["--backend", "sim", "--cpus", $"{Cpus}", "--session-ttl-ms", "600000"];

    /// <summary>Starts one node (<see cref="NodeSwitches"/>) in this process with logging off, with <paramref name="args"/> added.</summary>
    protected static Task<WebApplication> StartNodeAsync(string[] args, CancellationToken cancellationToken) =>
        QuietNode.StartAsync([.. args, .. NodeSwitches], cancellationToken);

    /// <summary>Reserves a pinned write watchpoint on a CPU with a free slot; returns its id and the slot ticket to give back.</summary>
    protected async Task<(string Id, uint Cpu)> ReserveOneAsync(CancellationToken cancellationToken)
    {
        if (!tickets.TryDequeue(out var cpu))
        {
            throw new InvalidOperationException("more reservations in flight than the simulated host has slots");
        }

        var request = new ReserveRequest
        {
            SessionId = session,
            Host = TargetHost,
            Scope = new Scope { Cpu = new CpuTarget { Cpu = cpu } },
            Breakpoint = new Breakpoint { Address = 0x7f00_0000_1000, Length = 8, Access = Access.Write },
            Pinned = true,
        };
        var reservation = (await arbiter!.ReserveAsync(request, cancellationToken: cancellationToken)).Reservation;
        return (reservation.Id, cpu);
    }

    /// <summary>Releases a reservation and gives its slot ticket back.</summary>
    protected async Task ReleaseOneAsync((string Id, uint Cpu) held, CancellationToken cancellationToken)
    {
        var request = new ReleaseRequest { SessionId = session, ReservationId = held.Id };
        await arbiter!.ReleaseAsync(request, cancellationToken: cancellationToken);
        tickets.Enqueue(held.Cpu);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        channel?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
