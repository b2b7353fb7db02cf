using System.CommandLine;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>The session a command opens: --kind, --name, --ttl-ms.</summary>
internal sealed class SessionOptions
{
    public Option<ClientKind?> Kind { get; } = new("--kind")
    {
        Description = "Default: ptrace for --tid, perf for --cpu, kgdb for --all-cpus",
        HelpName = "ptrace|perf|kgdb|kvm",
        CustomParser = r => Parsers.Kind(r),
    };

    public Option<string> Name { get; } = new("--name")
    {
        Description = "Client name shown in listings",
        DefaultValueFactory = _ => "hwbp-cli",
    };

    public Option<uint> TtlMs { get; } = new("--ttl-ms") { Description = "Session lease in ms; 0: the node's default" };

    public void AddTo(Command command)
    {
        command.Add(Kind);
        command.Add(Name);
        command.Add(TtlMs);
    }

    /// <summary>The client kind asked for, or the natural one for <paramref name="scope"/> (ptrace without one).</summary>
    public ClientKind ClientKind(ParseResult parsed, Scope? scope) => parsed.GetValue(Kind) ?? scope?.TargetCase switch
    {
        Scope.TargetOneofCase.AllCpus => Protos.V1.ClientKind.Kgdb,
        Scope.TargetOneofCase.Cpu => Protos.V1.ClientKind.Perf,
        _ => Protos.V1.ClientKind.Ptrace,
    };

    /// <summary>The lease asked for, or null for the node's default.</summary>
    public TimeSpan? Lease(ParseResult parsed) => parsed.GetValue(TtlMs) is var ms and > 0 ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>Opens a session handle that renews its lease until disposed (which closes it).</summary>
    public Task<HwbpSession> OpenSessionAsync(HwbpClient client, ParseResult parsed, ClientKind kind, CancellationToken cancellationToken) =>
        client.OpenSessionAsync(parsed.GetValue(Name) ?? "hwbp-cli", kind, Lease(parsed), cancellationToken);
}
