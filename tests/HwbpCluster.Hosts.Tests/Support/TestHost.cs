using HwbpCluster.Actors;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Internal;

namespace HwbpCluster.Hosts.Tests.Support;

/// <summary>A simulated host on a deterministic actor system, with synchronous helpers that run the system until each call completes.</summary>
internal sealed class TestHost
{
    public TestHost(ArchProfile profile, int seed = 1, IHostProbe? probe = null, TimeSpan? slice = null, IRegisterBackend? backend = null)
    {
        System = new DeterministicActorSystem(seed);
        System.ActorFailed += (_, failure) => Failures.Add(failure);
        var options = new SimulatedHostOptions("h1", profile) { FlexibleSlice = slice ?? TimeSpan.FromMilliseconds(4), Backend = backend };
        Host = SimulatedHost.Start(System, options, ownsSystem: false, probe);
    }

    public DeterministicActorSystem System { get; }

    public HostFacade Host { get; }

    public ISimulatedHost Sim => Host;

    public List<ActorFailure> Failures { get; } = [];

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

    public HostSnapshot State() => Run(Host.GetStateAsync());

    public IReadOnlyList<ReservationView> List(string? session = null) => Run(Host.ListReservationsAsync(session));
}
