using System.CommandLine;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>A whole reservation: the breakpoint (an address or a symbol), one scope (--tid, --cpu, both, --all-cpus), --flexible, --inherit, --label, --wait-ms.</summary>
internal sealed class ReservationOptions
{
    public BreakpointOptions Breakpoint { get; } = new(symbols: true);

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

    public Option<ulong?> Pid { get; } = new("--pid")
    {
        Description = "Process scope: every thread of the process now and every thread or child it creates later",
        CustomParser = r => Parsers.Number(r),
    };

    public Option<bool> AllCpus { get; } = new("--all-cpus") { Description = "Wide scope: one slot on every CPU (kgdb)" };

    public Option<bool> Flexible { get; } = new("--flexible") { Description = "Not pinned: may be multiplexed when slots run short" };

    public Option<bool> Inherit { get; } = new("--inherit") { Description = "Task scope: tasks forked later get a copy" };

    public Option<string?> Label { get; } = new("--reservation-label") { Description = "A label the reservation carries (fleet release --reservation-label picks by it)" };

    public Option<uint> WaitMs { get; } = new("--wait-ms") { Description = "Queue up to this long when there is no room; 0: fail at once" };

    public void AddTo(Command command)
    {
        Breakpoint.AddTo(command);
        foreach (Option option in (Option[])[Tid, Cpu, AllCpus, Pid, Flexible, Inherit, Label, WaitMs])
        {
            command.Add(option);
        }
    }

    /// <summary>The one scope the command line names.</summary>
    /// <exception cref="UsageException">No scope, --all-cpus with --tid or --cpu, or --pid with any other scope.</exception>
    public Scope Scope(ParseResult parsed)
    {
        var (tid, cpu, all) = (parsed.GetValue(Tid), parsed.GetValue(Cpu), parsed.GetValue(AllCpus));
        if (parsed.GetValue(Pid) is { } pid)
        {
            return tid is null && cpu is null && !all ? Scopes.Process(pid) : throw new UsageException("--pid takes no --tid, --cpu or --all-cpus");
        }

        return (tid, cpu, all) switch
        {
            (null, null, true) => Scopes.AllCpus(),
            (_, _, true) => throw new UsageException("--all-cpus takes no --tid or --cpu"),
            ({ } t, { } c, _) => Scopes.TaskOnCpu(t, c),
            ({ } t, null, _) => Scopes.Task(t),
            (null, { } c, _) => Scopes.Cpu(c),
            _ => throw new UsageException("say where: --tid N, --cpu N (both: the task on that CPU), --pid N (the whole process), or --all-cpus"),
        };
    }

    /// <summary>The reservation the command line describes (host and session left for the caller).</summary>
    public ReserveRequest Request(ParseResult parsed, Scope scope) => new()
    {
        Scope = scope,
        Breakpoint = Breakpoint.Breakpoint(parsed),
        Pinned = !parsed.GetValue(Flexible),
        Inherit = parsed.GetValue(Inherit),
        Label = parsed.GetValue(Label) ?? string.Empty,
        WaitMs = parsed.GetValue(WaitMs),
    };
}
