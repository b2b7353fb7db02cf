using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using W = HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Host-model values to and from the cluster-internal protobuf messages, both ways, one pair per shape.</summary>
internal static partial class Codec
{
    public static W.Breakpoint ToWire(BreakpointSpec spec) => new() { Address = spec.Address, Length = spec.Length, Access = (int)spec.Access };

    public static BreakpointSpec FromWire(W.Breakpoint spec) => new(spec.Address, spec.Length, (Access)spec.Access);

    // A process scope carries its pid in task_id (the two never apply together).
    public static W.Scope ToWire(Scope scope) =>
        new() { Kind = (int)scope.Kind, Cpu = scope.Cpu, TaskId = scope.Kind == ScopeKind.Process ? scope.ProcessId : scope.TaskId };

    public static Scope FromWire(W.Scope scope) => (ScopeKind)scope.Kind switch
    {
        ScopeKind.Cpu => Scope.OnCpu(scope.Cpu),
        ScopeKind.Task => Scope.ForTask(scope.TaskId),
        ScopeKind.TaskOnCpu => Scope.ForTaskOnCpu(scope.TaskId, scope.Cpu),
        ScopeKind.Process => Scope.ForProcess(scope.TaskId),
        _ => Scope.AllCpus,
    };

    public static W.Session ToWire(SessionInfo session, TimeSpan lease) => new()
    {
        Id = session.SessionId,
        Kind = (int)session.Kind,
        ClientName = session.ClientName,
        Privileged = session.Privileged,
        LeaseMs = (uint)lease.TotalMilliseconds,
    };

    public static SessionInfo FromWire(W.Session session) =>
        new(session.Id, (ClientKind)session.Kind, session.ClientName, session.Privileged);

    public static W.Reserve ToWire(ReserveCommand command) => new()
    {
        Scope = ToWire(command.Scope),
        Spec = ToWire(command.Spec),
        Pinned = command.Pinned,
        Inherit = command.Inherit,
        Label = command.Label,
        WaitTicks = command.Wait.Ticks,
    };

    public static ReserveCommand FromWire(W.Reserve command) => new(
        FromWire(command.Scope), FromWire(command.Spec), command.Pinned, command.Inherit, command.Label, TimeSpan.FromTicks(command.WaitTicks));

    public static W.Reservation ToWire(ReservationView view) => new()
    {
        Id = view.Id,
        Host = view.Host,
        SessionId = view.SessionId,
        Kind = (int)view.Kind,
        Scope = ToWire(view.Scope),
        Spec = ToWire(view.Spec),
        Pinned = view.Pinned,
        Inherit = view.Inherit,
        Label = view.Label,
        State = (int)view.State,
        Hits = view.Hits,
        TimeEnabledTicks = view.TimeEnabled.Ticks,
        TimeRunningTicks = view.TimeRunning.Ticks,
        Queued = view.Queued,
        Process = view.Process is { } part ? new W.ProcessPart { Pid = part.Pid, Group = part.Group } : null,
        Losses = view.Losses == default ? null : new W.Losses { Kernel = view.Losses.Kernel, Reader = view.Losses.Reader, Corrupt = view.Losses.Corrupt },
    };

    public static ReservationView FromWire(W.Reservation view) => new(
        view.Id, view.Host, view.SessionId, (ClientKind)view.Kind, FromWire(view.Scope), FromWire(view.Spec), view.Pinned, view.Inherit,
        view.Label, (ReservationStatus)view.State, view.Hits, TimeSpan.FromTicks(view.TimeEnabledTicks),
        TimeSpan.FromTicks(view.TimeRunningTicks))
    {
        Queued = view.Queued,
        Process = view.Process is { } part ? new ProcessMembership(part.Pid, part.Group) : null,
        Losses = view.Losses is { } lost ? new HitLosses(lost.Kernel, lost.Reader, lost.Corrupt) : default,
    };

    public static W.Failure ToWire(HostException failure) => new() { Error = (int)failure.Error, Message = failure.Message };

    public static HostException FromWire(W.Failure failure) => new((HostError)failure.Error, failure.Message);
}
