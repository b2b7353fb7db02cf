using System.Diagnostics;
using Grpc.Core;
using HwbpCluster.Client;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Cluster;

/// <summary>
/// Three real hwbp-node processes on 127.0.0.1 forming one cluster: n1 and n2 carry role=db, n3 role=web; n1 and n2 are the seeds.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly NodeProcess?[] _processes;

    private LocalCluster(IReadOnlyList<NodePlan> plans)
    {
        Plans = plans;
        _processes = new NodeProcess?[plans.Count];
    }

    /// <summary>The nodes, in order n1, n2, n3.</summary>
    public IReadOnlyList<NodePlan> Plans { get; }

    /// <summary>The seeds every node names.</summary>
    private IReadOnlyList<NodePlan> Seeds => [.. Plans.Take(2)];

    /// <summary>A cluster on free loopback ports, not yet started.</summary>
    public static LocalCluster Plan()
    {
        static Uri Free() => new($"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}");
        return new LocalCluster(
        [
            new NodePlan("n1", "alpha", "role=db,zone=east", Free(), Free()),
            new NodePlan("n2", "beta", "role=db,zone=west", Free(), Free()),
            new NodePlan("n3", "gamma", "role=web,zone=west", Free(), Free()),
        ]);
    }

    /// <summary>The process id of node <paramref name="index"/>, or null when it is not running.</summary>
    public int? Pid(int index) => _processes[index] is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts every node and waits for their banners.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Plans.Count; i++)
        {
            _processes[i] = NodeProcess.Start(Plans[i].Args(Seeds));
        }

        for (var i = 0; i < Plans.Count; i++)
        {
            await BannerAsync(i, cancellationToken);
        }
    }

    /// <summary>Starts node <paramref name="index"/> again (after <see cref="Kill"/>) and waits for its banner.</summary>
    public async Task RestartAsync(int index, CancellationToken cancellationToken)
    {
        if (_processes[index] is { } old)
        {
            await old.DisposeAsync();
        }

        _processes[index] = NodeProcess.Start(Plans[index].Args(Seeds));
        await BannerAsync(index, cancellationToken);
    }

    /// <summary>Kills node <paramref name="index"/> with SIGKILL (kill -9); returns when the signal is sent.</summary>
    public void Kill(int index) => (_processes[index] ?? throw new InvalidOperationException($"{Plans[index].Name} is not running")).Kill();

    /// <summary>Polls node <paramref name="via"/>'s member list until <paramref name="condition"/> holds; the time it took.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="within"/>.</exception>
    public static async Task<TimeSpan> WaitForMembersAsync(
        HwbpClient via, Func<IReadOnlyList<Member>, bool> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition(await MembersAsync(via, cancellationToken)))
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"not within {within.TotalSeconds:0} s");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The members as <paramref name="via"/> sees them; none while it cannot answer yet.</summary>
    public static async Task<IReadOnlyList<Member>> MembersAsync(HwbpClient via, CancellationToken cancellationToken)
    {
        try
        {
            return (await via.ListMembersAsync(cancellationToken)).Members;
        }
        catch (RpcException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }

    private async Task BannerAsync(int index, CancellationToken cancellationToken)
    {
        var process = _processes[index]!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(45));
        var banner = await process.BannerAsync(bound.Token);
        if (NodeProcess.AddressOf(banner) != Plans[index].Address)
        {
            throw new InvalidOperationException($"{Plans[index].Name} listens on {NodeProcess.AddressOf(banner)}, not {Plans[index].Address}");
        }
    }
}
