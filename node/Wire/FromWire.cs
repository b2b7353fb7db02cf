using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using V1 = HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Wire;

/// <summary>Wire requests to domain values, validated at the edge: failures are INVALID_ARGUMENT naming the field and rule.</summary>
internal static class FromWire
{
    /// <summary>A client kind; UNSPECIFIED and unknown values are refused.</summary>
    public static ClientKind Kind(V1.ClientKind kind, string field = "client_kind") => kind switch
    {
        V1.ClientKind.Ptrace => ClientKind.Ptrace,
        V1.ClientKind.Kgdb => ClientKind.Kgdb,
        V1.ClientKind.Kvm => ClientKind.Kvm,
        V1.ClientKind.Perf => ClientKind.Perf,
        _ => throw RpcErrors.InvalidArgument(field, $"client kind {kind} is not one of PTRACE, KGDB, KVM, PERF"),
    };

    /// <summary>An access kind; ACCESS_UNSPECIFIED and unknown values are refused.</summary>
    public static Access Access(V1.Access access, string field) => access switch
    {
        V1.Access.Execute => Arbitration.Access.Execute,
        V1.Access.Write => Arbitration.Access.Write,
        V1.Access.Read => Arbitration.Access.Read,
        V1.Access.ReadWrite => Arbitration.Access.ReadWrite,
        _ => throw RpcErrors.InvalidArgument(field, $"access {access} is not one of EXECUTE, WRITE, READ, READ_WRITE"),
    };

    /// <summary>A breakpoint; a missing one is refused.</summary>
    public static BreakpointSpec Breakpoint(V1.Breakpoint? breakpoint, string field)
    {
        if (breakpoint is null)
        {
            throw RpcErrors.InvalidArgument(field, "is required");
        }

        if (breakpoint.Symbol.Length > 0)
        {
            throw RpcErrors.InvalidArgument($"{field}.symbol", "is taken by Reserve only: give the address");
        }

        return new BreakpointSpec(
            breakpoint.Address, Length(breakpoint.Length, $"{field}.length"), Access(breakpoint.Access, $"{field}.access"));
    }

    /// <summary>A length in bytes; 0 and lengths beyond a signed 32-bit count are refused.</summary>
    public static int Length(uint length, string field) => length is > 0 and <= int.MaxValue
        ? (int)length
        : throw RpcErrors.InvalidArgument(field, $"length {length} must be at least 1 byte");

    /// <summary>A scope on a host of <paramref name="profile"/>'s shape; a missing scope, a CPU out of range or tid 0 is refused.</summary>
    public static Scope Scope(V1.Scope? scope, ArchProfile profile, string field = "scope") => scope?.TargetCase switch
    {
        V1.Scope.TargetOneofCase.Cpu => Arbitration.Scope.OnCpu(Cpu(scope.Cpu.Cpu, profile, $"{field}.cpu.cpu")),
        V1.Scope.TargetOneofCase.Task => Arbitration.Scope.ForTask(Tid(scope.Task.Tid, $"{field}.task.tid")),
        V1.Scope.TargetOneofCase.TaskOnCpu => Arbitration.Scope.ForTaskOnCpu(
            Tid(scope.TaskOnCpu.Tid, $"{field}.task_on_cpu.tid"), Cpu(scope.TaskOnCpu.Cpu, profile, $"{field}.task_on_cpu.cpu")),
        V1.Scope.TargetOneofCase.AllCpus => Arbitration.Scope.AllCpus,
        V1.Scope.TargetOneofCase.Process => Arbitration.Scope.ForProcess(Pid(scope.Process.Pid, $"{field}.process.pid")),
        _ => throw RpcErrors.InvalidArgument(field, "is required: set one of cpu, task, task_on_cpu, all_cpus, process"),
    };

    /// <summary>A reservation request for a host of <paramref name="profile"/>'s shape; a symbol replaces the address (see hwbp.proto).</summary>
    public static ReserveCommand Reserve(V1.ReserveRequest request, ArchProfile profile)
    {
        var scope = Scope(request.Scope, profile);
        var symbol = request.Breakpoint is { Symbol.Length: > 0 } b ? b.Symbol : null;
        var spec = symbol is null ? Breakpoint(request.Breakpoint, "breakpoint") : SymbolSpec(request.Breakpoint!, scope);
        return new ReserveCommand(scope, spec, request.Pinned, request.Inherit, request.Label, TimeSpan.FromMilliseconds(request.WaitMs))
        {
            Symbol = symbol,
        };
    }

    // The address comes from the symbol, and length 0 asks for the symbol's size: the host resolves both.
    private static BreakpointSpec SymbolSpec(V1.Breakpoint breakpoint, Scope scope)
    {
        if (breakpoint.Address != 0)
        {
            throw RpcErrors.InvalidArgument("breakpoint.symbol", "give an address or a symbol, not both");
        }

        if (!scope.IsTaskBound && scope.Kind != ScopeKind.Process)
        {
            throw RpcErrors.InvalidArgument("breakpoint.symbol", "needs a task, task_on_cpu or process scope: it is looked up in that process");
        }

        int length = breakpoint.Length == 0 ? 0 : Length(breakpoint.Length, "breakpoint.length");
        return new BreakpointSpec(0, length, Access(breakpoint.Access, "breakpoint.access"));
    }

    /// <summary>A CPU number, checked against the host's CPU count.</summary>
    public static int Cpu(uint cpu, ArchProfile profile, string field) => cpu < (uint)profile.CpuCount
        ? (int)cpu
        : throw RpcErrors.InvalidArgument(field, $"cpu {cpu} is out of range: the host has CPUs 0 to {profile.CpuCount - 1}");

    /// <summary>A process id (the tid of its first task); 0 and values beyond a signed 64-bit id are refused.</summary>
    public static long Pid(ulong pid, string field) => pid is > 0 and <= long.MaxValue
        ? (long)pid
        : throw RpcErrors.InvalidArgument(field, $"pid {pid} must be a positive process id");

    /// <summary>A thread id; 0 and values beyond a signed 64-bit id are refused.</summary>
    public static long Tid(ulong tid, string field) => tid is > 0 and <= long.MaxValue
        ? (long)tid
        : throw RpcErrors.InvalidArgument(field, $"tid {tid} must be a positive thread id");
}
