using Grpc.Net.Client;
using HwbpCluster.Node;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Dashboard.Tests.Support;

/// <summary>A whole node in this process on loopback with the real clock: gRPC on <see cref="GrpcAddress"/>, the web endpoint
/// (dashboard, gRPC-Web, /metrics) on <see cref="WebAddress"/>.</summary>
internal sealed class DashboardNode : IAsyncDisposable
{
    private DashboardNode(WebApplication app, Uri grpc, Uri web)
    {
        App = app;
        GrpcAddress = grpc;
        WebAddress = web;
        Channel = GrpcChannel.ForAddress(grpc);
        Arbiter = new Arbiter.ArbiterClient(Channel);
    }

    public WebApplication App { get; }

    public Uri GrpcAddress { get; }

    public Uri WebAddress { get; }

    /// <summary>The page's address.</summary>
    public string Dashboard => new Uri(WebAddress, "/dashboard/").ToString();

    public GrpcChannel Channel { get; }

    public Arbiter.ArbiterClient Arbiter { get; }

    /// <summary>Starts a simulated node: <c>--node-name n1 --host-name h1 --cpus 4</c> unless <paramref name="args"/> says otherwise.</summary>
    public static async Task<DashboardNode> StartAsync(params string[] args)
    {
        // A test that names --urls (a seed's address) gets that one; later switches win in the node too.
        var urls = Array.LastIndexOf(args, "--urls");
        var grpc = new Uri(urls >= 0 ? args[urls + 1] : $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}");
        var web = new Uri($"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}");
        string[] defaults = ["--urls", grpc.ToString().TrimEnd('/'), "--web-urls", web.ToString().TrimEnd('/'), "--backend", "sim",
            "--cpus", "4", "--node-name", "n1", "--host-name", "h1"];
        var app = NodeApp.Build([.. defaults, .. args], services =>
        {
            services.AddSingleton(TextWriter.Null);
            services.RemoveAll<ILoggerProvider>();
        });
        await app.StartAsync();
        return new DashboardNode(app, grpc, web);
    }

    /// <summary>Opens a PERF session.</summary>
    public async Task<string> OpenAsync(uint ttlMs = 0, string name = "dashboard-test") =>
        (await Arbiter.OpenSessionAsync(new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = name, TtlMs = ttlMs })).SessionId;

    /// <summary>Reserves a write watch of 8 bytes at <paramref name="address"/> bound to CPU <paramref name="cpu"/> of <paramref name="host"/>.</summary>
    public async Task<Reservation> ReserveAsync(string session, string host, uint cpu, ulong address, string label = "", uint waitMs = 0) =>
        (await Arbiter.ReserveAsync(new ReserveRequest
        {
            SessionId = session,
            Host = host,
            Scope = new Scope { Cpu = new CpuTarget { Cpu = cpu } },
            Breakpoint = new Breakpoint { Address = address, Length = 8, Access = Access.Write },
            Pinned = true,
            Label = label,
            WaitMs = waitMs,
        })).Reservation;

    public Task ReleaseAsync(string session, string reservationId) =>
        Arbiter.ReleaseAsync(new ReleaseRequest { SessionId = session, ReservationId = reservationId }).ResponseAsync;


    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
