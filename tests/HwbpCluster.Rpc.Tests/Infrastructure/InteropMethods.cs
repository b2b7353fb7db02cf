using HwbpCluster.Rpc.Tests.Interop;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>The interop.v1.Interop methods, typed from the descriptor.</summary>
public static class InteropMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = InteropReflection.Descriptor.Services[0];

    public static Method<EchoRequest, EchoReply> Echo { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "Echo");

    public static Method<EchoRequest, EchoReply> StreamReplies { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "Stream");

    public static Method<EchoRequest, EchoReply> Fail { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "Fail");

    public static Method<EchoRequest, EchoReply> Slow { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "Slow");

    public static Method<EchoRequest, EchoReply> WasCancelled { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "WasCancelled");

    public static Method<EchoRequest, EchoReply> EchoMetadata { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "EchoMetadata");

    public static Method<EchoRequest, EchoReply> Bidi { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "Bidi");

    public static Method<EchoRequest, EchoReply> Collect { get; } = Method<EchoRequest, EchoReply>.FromService(Service, "Collect");

    public static Method<Empty, Empty> Ping { get; } = Method<Empty, Empty>.FromService(Service, "Ping");

    /// <summary>A method no server implements.</summary>
    public static Method<EchoRequest, EchoReply> Unknown { get; } = new("interop.v1.Interop", "Nope", MethodType.Unary);

    /// <summary>A method of a service no server has.</summary>
    public static Method<EchoRequest, EchoReply> UnknownService { get; } = new("interop.v1.Nothing", "Nope", MethodType.Unary);
}
