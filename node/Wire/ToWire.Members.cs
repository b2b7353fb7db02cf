using HwbpCluster.Cluster;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Wire;

/// <summary>Cluster members.</summary>
internal static partial class ToWire
{
    /// <summary>A member as ListMembers shows it; Akka's WeaklyUp (serving, not yet confirmed by every node) shows as UP.</summary>
    public static Member Member(ClusterMember member)
    {
        var wire = new Member
        {
            Node = member.Node,
            Address = member.GrpcAddress,
            ClusterAddress = member.ClusterAddress,
            Status = member.Status switch
            {
                "Joining" => MemberStatus.Joining,
                "Up" or "WeaklyUp" => MemberStatus.Up,
                "Leaving" => MemberStatus.Leaving,
                "Exiting" => MemberStatus.Exiting,
                "Down" => MemberStatus.Down,
                "Removed" => MemberStatus.Removed,
                _ => MemberStatus.Unspecified,
            },
            Reachable = member.Reachable,
            ClusterUid = member.Uid,
        };
        wire.Hosts.AddRange(member.Hosts);
        wire.Labels.Add(member.Labels.ToDictionary());
        return wire;
    }
}
