using Akka.Actor;
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

    private sealed record NotAProtobufMessage(string Text);
}
