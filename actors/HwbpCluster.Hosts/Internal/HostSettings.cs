using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>What the host's actors and its facade are built from.</summary>
internal sealed record HostSettings(string Name, ArchProfile Profile, IRegisterBackend Backend, TimeSpan Slice, TimeSpan MaxWait)
{
    public IHostProbe? Probe { get; init; }

    /// <summary>The clock of timers, event times and the facade's timeouts.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The longest the facade waits for an answer, on top of a queued Reserve's wait; then the call fails Unavailable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Akka.NET dispatcher of the host's actors (a seeded one in deterministic tests).</summary>
    public string Dispatcher { get; init; } = Akka.Dispatch.Dispatchers.DefaultDispatcherId;

    /// <summary>Where the host logs (its take-out after a failure).</summary>
    public Microsoft.Extensions.Logging.ILogger Log { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Deterministic tests complete replies on the driving thread; production runs the caller's continuation on the pool.</summary>
    public bool SynchronousReplies { get; init; }

    /// <summary>The host's first reservation id (<see cref="SimulatedHostOptions.FirstReservationId"/>).</summary>
    public long FirstReservationId { get; init; } = 1;
}
