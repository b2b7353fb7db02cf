using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>What the host actor's parts may do on its turn: reach the CPUs, continue on a later turn, negotiate, spawn and schedule.</summary>
/// <remarks>Every part runs on the host actor's turn only; none is thread-safe, except the hit fan-out, which says so.</remarks>
internal sealed class HostTurn(HostContext host, IActorContext<HostMsg> context)
{
    private long _actorNames;

    public HostContext Host => host;

    public string Name => host.Name;

    public ArchProfile Profile => host.Profile;

    public IActorRef<CpuMsg>[] Cpus => host.Cpus;

    public DateTimeOffset Now => context.Time.GetUtcNow();

    /// <summary>A reply address whose message runs <paramref name="continuation"/> on a later turn of the host actor.</summary>
    public IActorRef<T> Then<T>(Action<T> continuation) =>
        context.Self.Adapt<T, HostMsg>(value => new HostMsg.Continue(() => continuation(value)));

    /// <summary>Runs <paramref name="action"/> on a later turn of the host actor.</summary>
    public void Later(Action action) => context.Self.Tell(new HostMsg.Continue(action));

    /// <summary>A CPU-bound or wide negotiation coordinated by the host actor; <paramref name="done"/> runs on its turn.</summary>
    public void Negotiate(PlanShape shape, Action<NegotiationOutcome> done) =>
        Negotiation.Start(host, context.Self, action => new HostMsg.Continue(action), shape, done);

    public IActorRef<T> Spawn<T>(Func<Actor<T>> factory, string name) => context.Spawn(factory, name);

    /// <summary>Makes child actor names unique on the host (a tid or session id may come back after its actor stopped).</summary>
    public long NextActorNumber() => ++_actorNames;

    public TimerHandle Schedule(TimeSpan delay, HostMsg message) => context.ScheduleTell(delay, message);

    /// <summary>Null when the host has this CPU; else the NotFound message.</summary>
    public string? NoSuchCpu(int cpu) =>
        cpu >= 0 && cpu < Profile.CpuCount ? null : $"cpu {cpu} does not exist; host {Name} has cpus 0 to {Profile.CpuCount - 1}";
}
