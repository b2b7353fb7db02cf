using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What every actor of one host shares: its name and profile, the backend, the clock origin, the id source.</summary>
internal sealed class HostContext
{
    private long _nextReservation;
    private long _nextTx;

    public required string Name { get; init; }

    public required ArchProfile Profile { get; init; }

    public required IRegisterBackend Backend { get; init; }

    public required TimeSpan Slice { get; init; }

    /// <summary>The longest a request may wait in the queue (the node's <c>--max-wait-ms</c>).</summary>
    public TimeSpan MaxWait { get; init; } = SimulatedHostOptions.DefaultMaxWait;

    public required DateTimeOffset Epoch { get; init; }

    public required IActorRef<HostMsg> Host { get; init; }

    /// <summary>Where CPU actors deliver hits (thread-safe; routes set by the host actor).</summary>
    public HostParts.HitFanOut Hits { get; init; } = new();

    public IHostProbe? Probe { get; init; }

    /// <summary>The first id <see cref="NextReservationId"/> hands out.</summary>
    public long FirstReservationId
    {
        init => _nextReservation = value - 1;
    }

    /// <summary>Every CPU actor, by CPU number (set once by the host actor before any negotiation).</summary>
    public IActorRef<CpuMsg>[] Cpus { get; set; } = [];

    /// <summary>The summary ledger's actor, first in every plan that touches it (set once by the host actor).</summary>
    public IActorRef<CpuMsg>? Summary { get; set; }

    /// <summary>0 to CpuCount − 1, the CPU list of every whole-host plan.</summary>
    public int[] AllCpus => field ??= Enumerable.Range(0, Profile.CpuCount).ToArray();

    /// <summary>Reservation ids, unique on the host (forked copies are numbered by the parent's task actor).</summary>
    public long NextReservationId() => Interlocked.Increment(ref _nextReservation);

    public long NextTxId() => Interlocked.Increment(ref _nextTx);

    /// <summary>Tells the probe, if any, that the tagged operation's outcome is decided now; untagged steps report nothing.</summary>
    public void Linearized(Linearization? tag, bool succeeded)
    {
        if (tag is not null)
        {
            Probe?.Linearized(tag, succeeded);
        }
    }
}
