using System.CommandLine;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>What to reserve and for whom: --addr --len --access, one scope (--tid, --cpu, both, --all-cpus), --kind, the session.</summary>
internal sealed class BreakpointOptions
{
    public Option<ulong> Address { get; } = new("--addr")
    {
        Description = "Address, hex (0x...) or decimal",
        Required = true,
        CustomParser = Parsers.Number,
    };

    public Option<uint> Length { get; } = new("--len")
    {
        Description = "Length in bytes (1, 2, 4, 8)",
        DefaultValueFactory = _ => 1,
        CustomParser = Parsers.Number32,
    };

    public Option<Access> Access { get; } = new("--access")
    {
        Description = "x (execute), w (write), r (read), rw (read or write); default w",
        HelpName = "x|w|r|rw",
        CustomParser = Parsers.Access,
    };

    public Option<ulong?> Tid { get; } = new("--tid")
    {
        Description = "Task scope: this task, on any CPU (with --cpu: only there)",
        CustomParser = r => Parsers.Number(r),
    };

    public Option<uint?> Cpu { get; } = new("--cpu")
    {
        Description = "CPU scope: every task while it runs on this CPU",
        CustomParser = r => Parsers.Number32(r),
    };

    public Option<bool> AllCpus { get; } = new("--all-cpus") { Description = "Wide scope: one slot on every CPU (kgdb)" };

    public Option<ClientKind?> Kind { get; } = new("--kind")
    {
        Description = "Default: ptrace for --tid, perf for --cpu, kgdb for --all-cpus",
        HelpName = "ptrace|perf|kgdb|kvm",
        CustomParser = r => Parsers.Kind(r),
    };

    public Option<bool> Flexible { get; } = new("--flexible") { Description = "Not pinned: may be multiplexed when slots run short" };

    public Option<bool> Inherit { get; } = new("--inherit") { Description = "Task scope: tasks forked later get a copy" };

    public Option<string> Name { get; } = new("--name")
    {
        Description = "Client name shown in listings",
        DefaultValueFactory = _ => "hwbp-cli",
    };

    public Option<uint> TtlMs { get; } = new("--ttl-ms") { Description = "Session lease in ms, renewed in the background; 0: the node's" };

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Address, Length, Access, Tid, Cpu, AllCpus, Kind, Flexible, Inherit, Name, TtlMs])
        {
            command.Add(option);
        }
    }

    /// <summary>The one scope the command line names.</summary>
    /// <exception cref="UsageException">No scope, or --all-cpus with --tid or --cpu.</exception>
    public Scope Scope(ParseResult parsed)
    {
        var (tid, cpu, all) = (parsed.GetValue(Tid), parsed.GetValue(Cpu), parsed.GetValue(AllCpus));
        return (tid, cpu, all) switch
        {
            (null, null, true) => Scopes.AllCpus(),
            (_, _, true) => throw new UsageException("--all-cpus takes no --tid or --cpu"),
            ({ } t, { } c, _) => Scopes.TaskOnCpu(t, c),
            ({ } t, null, _) => Scopes.Task(t),
            (null, { } c, _) => Scopes.Cpu(c),
            _ => throw new UsageException("say where: --tid N, --cpu N (both: the task on that CPU), or --all-cpus"),
        };
    }

    /// <summary>The client kind asked for, or the natural one for <paramref name="scope"/>.</summary>
    public ClientKind ClientKind(ParseResult parsed, Scope scope) => parsed.GetValue(Kind) ?? scope.TargetCase switch
    {
        Protos.V1.Scope.TargetOneofCase.AllCpus => Protos.V1.ClientKind.Kgdb,
        Protos.V1.Scope.TargetOneofCase.Cpu => Protos.V1.ClientKind.Perf,
        _ => Protos.V1.ClientKind.Ptrace,
    };

    /// <summary>The reservation the command line describes (host and session left for the caller).</summary>
    public ReserveRequest Request(ParseResult parsed, Scope scope) => new()
    {
        Scope = scope,
        Breakpoint = new Breakpoint
        {
            Address = parsed.GetValue(Address),
            Length = parsed.GetValue(Length),
            Access = parsed.GetValue(Access) is var access and not Protos.V1.Access.Unspecified ? access : Protos.V1.Access.Write,
        },
        Pinned = !parsed.GetValue(Flexible),
        Inherit = parsed.GetValue(Inherit),
    };

    /// <summary>Opens the session the reservation will belong to.</summary>
    public Task<HwbpSession> OpenSessionAsync(HwbpClient client, ParseResult parsed, ClientKind kind, CancellationToken cancellationToken)
    {
        var ttl = parsed.GetValue(TtlMs);
        TimeSpan? lease = ttl == 0 ? null : TimeSpan.FromMilliseconds(ttl);
        return client.OpenSessionAsync(parsed.GetValue(Name) ?? "hwbp-cli", kind, lease, cancellationToken);
    }
}
