using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Internal;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Support;

/// <summary>A simulated host on a seeded Akka.NET system, with synchronous helpers that run the system until each call completes.</summary>
internal sealed class TestHost : IDisposable
{
    private static long _hosts;

    /// <summary>Starts a host; on <paramref name="shared"/> (reset to <paramref name="seed"/>) when given, else on a system of its own.</summary>
    public TestHost(ArchProfile profile, int seed = 1, IHostProbe? probe = null, TimeSpan? slice = null, IRegisterBackend? backend = null,
        SeededSystem? shared = null)
    {
        System = shared ?? new SeededSystem(seed);
        System.Reset(seed);
        var options = new SimulatedHostOptions("h1", profile)
        {
            FlexibleSlice = slice ?? TimeSpan.FromMilliseconds(4),
            Backend = backend,
            Time = System.Time,
        };
        Host = SimulatedHost.Start(System.System, options, ownsSystem: false, probe, SeededSystem.DispatcherId, synchronousReplies: true,
            actorName: $"host-h1-{Interlocked.Increment(ref _hosts)}");
        SeededSystem.AwaitStarted(Host.Subtree);
        Host.Failed.Register(() => Failures.Add(Host.FailureMessage));
    }

    public SeededSystem System { get; }

    public HostFacade Host { get; }

    public ISimulatedHost Sim => Host;

    /// <summary>Why the host was taken out, if it was.</summary>
    public List<string> Failures { get; } = [];

    public T Run<T>(Task<T> task) => System.Run(task);

    public void Run(Task task) => System.Run(task);

    public HostException Fails(Task task)
    {
        var error = Assert.Throws<HostException>(() => System.Run(task));
        return error;
    }

    public void Open(string session, ClientKind kind, bool privileged = true) =>
        Run(Host.OpenSessionAsync(new SessionInfo(session, kind, session, privileged)));

    public long Spawn(long tid) => Run(Sim.SpawnTaskAsync(tid, $"t{tid}")).Tid;

    public ReservationView Reserve(string session, Scope scope, BreakpointSpec spec, bool pinned = true, bool inherit = false, string label = "") =>
        Run(Host.ReserveAsync(session, new ReserveCommand(scope, spec, pinned, inherit, label, TimeSpan.Zero)));

    /// <summary>Closes the session (which completes its feeds) and returns what the feed got, as "r{id} {reason}".</summary>
    public async Task<List<string>> CloseAndReadAsync(string session, EventSubscription<ReservationEvent> feed)
    {
        Run(Host.CloseSessionAsync(session, "session-closed"));
        System.RunUntilIdle();
        var events = await feed.ReadAllAsync().ToArrayAsync();
        return events.Select(e => $"r{e.Reservation.Id} {e.Reason}").ToList();
    }

    /// <summary>Opens perf and (unprivileged) gdb, spawns task 1, and lets perf take every slot of cpu 0; returns perf's reservations.</summary>
    public ReservationView[] FillCpu0WithPerf()
    {
        Open("perf", ClientKind.Perf);
        Open("gdb", ClientKind.Ptrace, privileged: false);
        Spawn(1);
        return Enumerable.Range(0, 4).Select(i => Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000 + (ulong)(8 * i)))).ToArray();
    }

    public HostSnapshot State() => Run(Host.GetStateAsync());

    public IReadOnlyList<ReservationView> List(string? session = null) => Run(Host.ListReservationsAsync(session));

    /// <summary>Stops the host's subtree (after what is queued) and runs it down, so a shared system carries nothing into the next schedule.</summary>
    public void Dispose()
    {
        _ = Host.DisposeAsync();
        System.RunUntilIdle();
    }
}
