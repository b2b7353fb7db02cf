using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using V1 = HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Wire;

/// <summary>Domain values to wire messages; reservation ids leave qualified by their host ("h1/42").</summary>
internal static partial class ToWire
{
    /// <summary>A client kind.</summary>
    public static V1.ClientKind Kind(ClientKind kind) => kind switch
    {
        ClientKind.Ptrace => V1.ClientKind.Ptrace,
        ClientKind.Kgdb => V1.ClientKind.Kgdb,
        ClientKind.Kvm => V1.ClientKind.Kvm,
        ClientKind.Perf => V1.ClientKind.Perf,
        _ => V1.ClientKind.Unspecified,
    };

    /// <summary>An access kind.</summary>
    public static V1.Access Access(Access access) => access switch
    {
        Arbitration.Access.Execute => V1.Access.Execute,
        Arbitration.Access.Write => V1.Access.Write,
        Arbitration.Access.Read => V1.Access.Read,
        Arbitration.Access.ReadWrite => V1.Access.ReadWrite,
        _ => V1.Access.Unspecified,
    };

    /// <summary>A breakpoint.</summary>
    public static V1.Breakpoint Breakpoint(BreakpointSpec spec) =>
        new() { Address = spec.Address, Length = (uint)spec.Length, Access = Access(spec.Access) };

    /// <summary>A scope.</summary>
    public static V1.Scope Scope(Scope scope) => scope.Kind switch
    {
        ScopeKind.Cpu => new V1.Scope { Cpu = new V1.CpuTarget { Cpu = (uint)scope.Cpu } },
        ScopeKind.Task => new V1.Scope { Task = new V1.TaskTarget { Tid = (ulong)scope.TaskId } },
        ScopeKind.TaskOnCpu => new V1.Scope { TaskOnCpu = new V1.TaskOnCpuTarget { Tid = (ulong)scope.TaskId, Cpu = (uint)scope.Cpu } },
        ScopeKind.Process => new V1.Scope { Process = new V1.ProcessTarget { Pid = (ulong)scope.ProcessId } },
        _ => new V1.Scope { AllCpus = new V1.AllCpusTarget() },
    };

    /// <summary>A reservation state.</summary>
    public static V1.ReservationState State(ReservationStatus status) => status switch
    {
        ReservationStatus.Active => V1.ReservationState.Active,
        ReservationStatus.Multiplexed => V1.ReservationState.Multiplexed,
        ReservationStatus.Suspended => V1.ReservationState.Suspended,
        ReservationStatus.Released => V1.ReservationState.Released,
        _ => V1.ReservationState.Unspecified,
    };

    /// <summary>A reservation, its id qualified by its host.</summary>
    public static V1.Reservation Reservation(ReservationView view) => new()
    {
        Id = ReservationIds.Format(view.Host, view.Id),
        Host = view.Host,
        SessionId = view.SessionId,
        ClientKind = Kind(view.Kind),
        Scope = Scope(view.Scope),
        Breakpoint = Breakpoint(view.Spec),
        Pinned = view.Pinned,
        Inherit = view.Inherit,
        Label = view.Label,
        State = State(view.State),
        Hits = view.Hits,
        TimeEnabledNs = Nanoseconds(view.TimeEnabled),
        TimeRunningNs = Nanoseconds(view.TimeRunning),
        ScaledHits = view.ScaledHits,
        Queued = view.Queued,
        ProcessPid = view.Process is { } process ? (ulong)process.Pid : 0,
        ProcessReservationId = view.Process is { } group ? ReservationIds.Format(view.Host, group.Group) : string.Empty,
        Losses = view.Losses == default ? null : new V1.HitLosses
        {
            Kernel = view.Losses.Kernel, Reader = view.Losses.Reader, Corrupt = view.Losses.Corrupt,
        },
    };

    /// <summary>Reservation ids of one host, qualified by it.</summary>
    public static IEnumerable<string> ReservationIdsOf(string host, IEnumerable<long> ids) =>
        ids.Select(id => ReservationIds.Format(host, id));

    /// <summary>A duration in nanoseconds, 0 when negative.</summary>
    public static ulong Nanoseconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (ulong)span.Ticks * 100;

    /// <summary>A time as nanoseconds since the Unix epoch.</summary>
    public static ulong UnixNanos(DateTimeOffset time) => Nanoseconds(time - DateTimeOffset.UnixEpoch);
}
