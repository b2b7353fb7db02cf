using Akka.Actor;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Cluster.Internal;
using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Tests;

public sealed class SerializationTests
{
    [Fact]
    public async Task Cluster_messages_cross_as_protobuf_and_a_type_without_a_binding_is_refused_rather_than_sent_as_json()
    {
        var options = new ClusterNodeOptions { NodeName = "n1" };
        var system = ActorSystem.Create(MembershipConfig.SystemName, MembershipConfig.Build(options, 0, []));
        try
        {
            var serialization = system.Serialization;
            Assert.Equal("ProtobufSerializer", serialization.FindSerializerFor(new HostCall()).GetType().Name);
            Assert.ThrowsAny<Exception>(() => serialization.FindSerializerFor(new NotAProtobufMessage("x")));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void A_reservation_crosses_whole_queued_flag_included()
    {
        var view = new ReservationView(7, "h2", "n1-s", ClientKind.Perf, Arbitration.Scope.OnCpu(1), new BreakpointSpec(0x1000, 8, Access.Write),
            true, false, "waits", ReservationStatus.Suspended, 3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(2)) { Queued = true };

        Assert.Equal(view, Codec.FromWire(Codec.ToWire(view)));
    }

    [Fact]
    public void A_process_part_crosses_with_its_process_and_group_and_a_reservation_with_its_losses()
    {
        var part = new ReservationView(9, "h2", "n1-s", ClientKind.Ptrace, Arbitration.Scope.ForTask(43), new BreakpointSpec(0x2000, 4, Access.Write),
            true, true, "", ReservationStatus.Active, 0, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)) { Process = new ProcessMembership(42, 8) };
        var lossy = part with { Process = null, Losses = new HitLosses(Kernel: 3, Reader: 2, Corrupt: 1) };

        Assert.Equal(part, Codec.FromWire(Codec.ToWire(part)));
        Assert.Equal(lossy, Codec.FromWire(Codec.ToWire(lossy)));
    }

    [Fact]
    public void A_process_scope_crosses_with_its_pid()
    {
        Assert.Equal(Arbitration.Scope.ForProcess(42), Codec.FromWire(Codec.ToWire(Arbitration.Scope.ForProcess(42))));
        Assert.Equal(Arbitration.Scope.ForTask(42), Codec.FromWire(Codec.ToWire(Arbitration.Scope.ForTask(42))));
    }

    private sealed record NotAProtobufMessage(string Text);
}
