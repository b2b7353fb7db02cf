using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// One client of the fault campaign: opens a session on a random running node, reserves pinned and flexible watchpoints on
/// random hosts of the whole cluster (now and then an all-or-nothing fleet reservation over two hosts), keeps the session
/// alive, releases some, and at the end closes it or abandons it to its lease.
/// </summary>
public sealed class FaultWorker(int index, int seed, FaultNodes nodes, IReadOnlyList<Arbiter.ArbiterClient> arbiters,
    IReadOnlyList<Fleet.FleetClient> fleets, SessionLedger ledger, StatusTally tally, uint ttlMs)
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(10);
    private readonly Random _random = new(unchecked((seed * 7919) + index));

    /// <summary>Reservations this worker was granted.</summary>
    public long Granted { get; private set; }

    /// <summary>Runs sessions until <paramref name="stop"/> is cancelled; the session in hand is closed then.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var node = _random.Next(nodes.Count);
            if (!nodes.IsRunning(node))
            {
                await PauseAsync(200, stop);
                continue;
            }

            var session = await OpenAsync(node, stop);
            if (session is null)
            {
                await PauseAsync(200, stop);
                continue;
            }

            // Renewed in the background, as the SDK does, so that a call held up by a fault does not let the lease lapse.
            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var renewals = RenewAsync(session, renewing.Token);
            var cycles = _random.Next(3, 11);
            for (var i = 0; i < cycles && !stop.IsCancellationRequested && !renewals.IsCompleted; i++)
            {
                await CycleAsync(session, stop);
                await PauseAsync(_random.Next(20, 100), stop);
            }

            await renewing.CancelAsync();
            await renewals;

            // Most sessions close; the others are abandoned to their lease, which every host must end by itself.
            if (stop.IsCancellationRequested || _random.Next(5) > 0)
            {
                await CallAsync("CloseSession", () => arbiters[session.Node].CloseSessionAsync(
                    new CloseSessionRequest { SessionId = session.Id }, deadline: Deadline()).ResponseAsync, stop);
            }

            ledger.Ended(session, DateTime.UtcNow);
        }
    }

    private async Task<TrackedSession?> OpenAsync(int node, CancellationToken stop)
    {
        var opened = await CallAsync("OpenSession", () => arbiters[node].OpenSessionAsync(
            new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = $"fault-{index}", TtlMs = ttlMs }, deadline: Deadline(), cancellationToken: stop).ResponseAsync, stop);
        return opened is null ? null : ledger.Opened(opened.SessionId, node);
    }

    // Keeps the session alive every third of its lease; ends when the session is gone (its node died, or it was ended).
    private async Task RenewAsync(TrackedSession session, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await PauseAsync((int)(ttlMs / 3), stop);
            if (!stop.IsCancellationRequested && await CallAsync("KeepAlive", () => arbiters[session.Node].KeepAliveAsync(
                    new KeepAliveRequest { SessionId = session.Id }, deadline: Deadline(), cancellationToken: stop).ResponseAsync, stop) is null
                && !nodes.IsRunning(session.Node))
            {
                return;
            }
        }
    }

    // One cycle: a reservation (now and then a fleet reservation), then maybe one release.
    private async Task CycleAsync(TrackedSession session, CancellationToken stop)
    {
        if (_random.Next(10) == 0)
        {
            await FleetReserveAsync(session, stop);
        }
        else
        {
            await ReserveAsync(session, stop);
        }

        if (session.Held.Count > 0 && _random.Next(10) < 6)
        {
            var (id, _) = session.Held.ElementAt(_random.Next(session.Held.Count));
            // Kept when the release failed: closing the session or its lease must still end it.
            if (await CallAsync("Release", () => arbiters[session.Node].ReleaseAsync(
                new ReleaseRequest { SessionId = session.Id, ReservationId = id }, deadline: Deadline(), cancellationToken: stop).ResponseAsync, stop) is not null)
            {
                session.Forget(id);
            }
        }
    }

    private async Task ReserveAsync(TrackedSession session, CancellationToken stop)
    {
        var host = nodes.AllHosts[_random.Next(nodes.AllHosts.Count)];
        var request = Template(session.Id);
        request.Host = host;
        var reserved = await CallAsync("Reserve", () => arbiters[session.Node].ReserveAsync(request, deadline: Deadline(), cancellationToken: stop).ResponseAsync, stop);
        if (reserved is not null)
        {
            session.Granted(reserved.Reservation.Id, host);
            Granted++;
        }
    }

    private async Task FleetReserveAsync(TrackedSession session, CancellationToken stop)
    {
        var hosts = nodes.AllHosts.OrderBy(_ => _random.Next()).Take(2).ToList();
        var request = new FleetReserveRequest
        {
            SessionId = session.Id,
            Selector = new HostSelector { Hosts = { hosts } },
            Template = Template(session.Id),
            Mode = FleetMode.AllOrNothing,
        };
        var reserved = await CallAsync("FleetReserve", () => fleets[session.Node].FleetReserveAsync(request, deadline: Deadline(), cancellationToken: stop).ResponseAsync, stop);
        foreach (var outcome in reserved is { Committed: true } ? reserved.Outcomes : [])
        {
            session.Granted(outcome.Reservation.Id, outcome.Host);
            Granted++;
        }
    }

    private ReserveRequest Template(string sessionId) => new()
    {
        SessionId = sessionId,
        Scope = new Scope { Cpu = new CpuTarget { Cpu = (uint)_random.Next(FaultNodes.Cpus) } },
        Breakpoint = new Breakpoint { Address = 0x7f00_0000_0000UL + ((ulong)_random.Next(4096) * 8), Length = 8, Access = Access.Write },
        Pinned = _random.Next(4) > 0,
        Label = "faults",
    };

    // The answer, or null after counting the status (a call cut short by the campaign's end is not counted).
    private async Task<T?> CallAsync<T>(string call, Func<Task<T>> send, CancellationToken stop)
        where T : class
    {
        try
        {
            var answer = await send();
            tally.Add(call, StatusCode.OK);
            return answer;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !stop.IsCancellationRequested)
        {
            tally.Add(call, e.StatusCode, e.Status.Detail);
            return null;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallBound;

    private static async Task PauseAsync(int milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
            // The campaign ends.
        }
    }
}
