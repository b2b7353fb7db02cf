using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Hosts;

/// <summary>How to build one simulated host.</summary>
/// <param name="Name">The host's name, unique in the cluster (e.g. <c>h1</c>, or <c>h1-0</c> when a node simulates several).</param>
/// <param name="Profile">Architecture, CPU count (up to 1,024) and slots per pool.</param>
public sealed record SimulatedHostOptions(string Name, ArchProfile Profile)
{
    /// <summary>The clock for multiplexing slices, wait deadlines, request timeouts and event times; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Where the host logs (a take-out after a failure); nowhere by default. Akka.NET's own log goes where its system's loggers say.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Length of a multiplexing time slice for flexible reservations; perf's 4 ms by default.</summary>
    public TimeSpan FlexibleSlice { get; init; } = FlexibleRotation.DefaultSlice;

    /// <summary>The register backend; a new <see cref="Backends.SimulatedRegisterBackend"/> for the profile when null.</summary>
    public IRegisterBackend? Backend { get; init; }

    /// <summary>The longest a Reserve may wait in the host's queue; longer waits are INVALID_ARGUMENT. Ten minutes by default.</summary>
    public TimeSpan MaxWait { get; init; } = DefaultMaxWait;

    /// <summary>The default of <see cref="MaxWait"/>.</summary>
    public static TimeSpan DefaultMaxWait { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The first reservation id; the node starts each run's hosts above every id an earlier run handed out.</summary>
    /// <remarks>Default 1. Ids are unique on the host for its lifetime; a later start must not reuse an earlier one's.</remarks>
    public long FirstReservationId { get; init; } = 1;

    /// <summary>Throws when a field is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentNullException.ThrowIfNull(Profile);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlexibleSlice, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxWait, TimeSpan.FromDays(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstReservationId, 1);
    }
}
