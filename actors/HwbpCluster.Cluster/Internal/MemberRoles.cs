using System.Collections.Immutable;
using System.Globalization;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>What a member says about itself through its Akka roles: name, gRPC address, hosts and labels.</summary>
/// <remarks>
/// Roles travel with membership gossip, so every node learns a member's hosts in the same step as the member itself, with no
/// second registry to converge and nothing to clean up when the member goes.
/// </remarks>
/// <param name="Node">The node's name.</param>
/// <param name="GrpcAddress">Where the node serves gRPC.</param>
/// <param name="Hosts">The hosts it owns.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="TaggedCalls">The member's gateway serves coalesced calls answered by id (<see cref="CallChannel"/>); every
/// member of this build says so, one of an older build does not and is sent one Ask per call.</param>
internal sealed record MemberRoles(
    string Node, string GrpcAddress, IReadOnlyList<HostDescription> Hosts, IReadOnlyDictionary<string, string> Labels, bool TaggedCalls = true)
{
    private const string NodePrefix = "node:";
    private const string GrpcPrefix = "grpc:";
    private const string HostPrefix = "host:";
    private const string LabelPrefix = "label:";
    private const string TaggedCallsRole = "calls:tagged-v1";

    /// <summary>The roles to join with.</summary>
    public IEnumerable<string> ToRoles() =>
        [NodePrefix + Node, GrpcPrefix + GrpcAddress, .. Hosts.Select(HostRole), .. Labels.Select(l => $"{LabelPrefix}{l.Key}={l.Value}"),
            .. TaggedCalls ? [TaggedCallsRole] : Array.Empty<string>()];

    /// <summary>Reads a member's roles; roles of other kinds are ignored.</summary>
    public static MemberRoles Parse(ImmutableHashSet<string> roles)
    {
        var node = string.Empty;
        var grpc = string.Empty;
        var hosts = new List<HostDescription>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (role.StartsWith(NodePrefix, StringComparison.Ordinal))
            {
                node = role[NodePrefix.Length..];
            }
            else if (role.StartsWith(GrpcPrefix, StringComparison.Ordinal))
            {
                grpc = role[GrpcPrefix.Length..];
            }
            else if (role.StartsWith(HostPrefix, StringComparison.Ordinal))
            {
                hosts.Add(ParseHost(role[HostPrefix.Length..]));
            }
            else if (role.StartsWith(LabelPrefix, StringComparison.Ordinal) && role.IndexOf('=', LabelPrefix.Length) is var eq and > 0)
            {
                labels[role[LabelPrefix.Length..eq]] = role[(eq + 1)..];
            }
        }

        hosts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new MemberRoles(node, grpc, hosts, labels, roles.Contains(TaggedCallsRole));
    }

    // NAME|ARCH|CPUS|ISLOTS|DSLOTS|BACKEND, read from the right so a name may hold anything but the last five fields.
    private static string HostRole(HostDescription host)
    {
        var p = host.Profile;
        return string.Create(CultureInfo.InvariantCulture,
            $"{HostPrefix}{host.Name}|{(int)p.Architecture}|{p.CpuCount}|{p.InstructionSlots}|{p.DataSlots}|{host.Backend}");
    }

    private static HostDescription ParseHost(string text)
    {
        var parts = text.Split('|');
        var n = parts.Length;
        int At(int fromEnd) => int.Parse(parts[n - fromEnd], CultureInfo.InvariantCulture);
        var description = new Wire.Description
        {
            Name = string.Join('|', parts[..(n - 5)]),
            Architecture = At(5),
            Cpus = At(4),
            InstructionSlots = At(3),
            DataSlots = At(2),
            Backend = parts[n - 1],
        };
        return Codec.FromWire(description);
    }
}
