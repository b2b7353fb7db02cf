using Google.Protobuf.Reflection;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>One gRPC method the node serves: its path, request type, and whether it answers with a stream.</summary>
/// <param name="Path">"/package.Service/Method".</param>
/// <param name="Input">The request message's descriptor.</param>
/// <param name="Output">The response message's descriptor.</param>
/// <param name="ServerStreaming">True for watches, which stay open until the session ends.</param>
public sealed record FuzzMethod(string Path, MessageDescriptor Input, MessageDescriptor Output, bool ServerStreaming)
{
    /// <summary>Every method of hwbp.v1 (Arbiter, Simulator, Fleet) and grpc.health.v1, read from the generated descriptors.</summary>
    public static IReadOnlyList<FuzzMethod> All { get; } =
        HwbpReflection.Descriptor.Services.Concat(HealthReflection.Descriptor.Services)
            .SelectMany(s => s.Methods)
            .Select(m => new FuzzMethod($"/{m.Service.FullName}/{m.Name}", m.InputType, m.OutputType, m.IsServerStreaming))
            .ToArray();
}
