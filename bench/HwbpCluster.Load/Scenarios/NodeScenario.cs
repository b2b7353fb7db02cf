using System.Collections.Concurrent;
using HwbpCluster.Node;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Load.Scenarios;

/// <summary>A whole hwbp-node in this process (simulated 64-CPU x86-64 host, no tokens, logging off) and one perf session on it.</summary>
/// <remarks>CPU-bound watchpoints take a free slot ticket, so any number of workers up to 256 in flight never meets a full CPU.</remarks>
public abstract class NodeScenario : LoadScenario
{
    private const int Cpus = 64;
    private const int SlotsPerCpu = 4;
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Arbiter =
        HwbpReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Arbiter");

    private readonly ConcurrentQueue<uint> tickets = new(Enumerable.Range(0, Cpus * SlotsPerCpu).Select(i => (uint)(i % Cpus)));
    private WebApplication? app;
    private GrpcChannel? channel;
    private string session = string.Empty;

    /// <summary>hwbp.v1.Arbiter/Reserve.</summary>
    private static Method<ReserveRequest, ReserveResponse> Reserve { get; } =
        Method<ReserveRequest, ReserveResponse>.FromService(Arbiter, "Reserve");

    /// <summary>hwbp.v1.Arbiter/Release.</summary>
    private static Method<ReleaseRequest, ReleaseResponse> Release { get; } =
        Method<ReleaseRequest, ReleaseResponse>.FromService(Arbiter, "Release");

    /// <summary>The host the reservations go to; empty: the called node's own.</summary>
    protected virtual string TargetHost => string.Empty;

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        channel = GrpcChannel.ForAddress(await StartNodesAsync(cancellationToken));
        var open = Method<OpenSessionRequest, OpenSessionResponse>.FromService(Arbiter, "OpenSession");
        session = (await channel.UnaryAsync(open, new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = "load" })).SessionId;
    }

    /// <summary>Starts the node(s); returns the gRPC address the calls go to.</summary>
    protected virtual async Task<string> StartNodesAsync(CancellationToken cancellationToken)
    {
        app = await StartNodeAsync(["--urls", "http://127.0.0.1:0"], cancellationToken);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>Starts one simulated 64-CPU node with logging off and long sessions, with <paramref name="args"/> added.</summary>
    protected static async Task<WebApplication> StartNodeAsync(string[] args, CancellationToken cancellationToken)
    {
        var node = NodeApp.Build([.. args, "--backend", "sim", "--cpus", $"{Cpus}", "--session-ttl-ms", "600000"], services =>
        {
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton(TextWriter.Null);
        });
        await node.StartAsync(cancellationToken);
        return node;
    }

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
        var reservation = (await channel!.UnaryAsync(Reserve, request, new CallOptions(CancellationToken: cancellationToken))).Reservation;
        return (reservation.Id, cpu);
    }

    /// <summary>Releases a reservation and gives its slot ticket back.</summary>
    protected async Task ReleaseOneAsync((string Id, uint Cpu) held, CancellationToken cancellationToken)
    {
        var request = new ReleaseRequest { SessionId = session, ReservationId = held.Id };
        await channel!.UnaryAsync(Release, request, new CallOptions(CancellationToken: cancellationToken));
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
