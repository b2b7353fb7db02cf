using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace HwbpCluster.Rpc;

/// <summary>A typed gRPC method: its path, shape and the parsers of its messages.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    /// <summary>Creates a method from its service's full name (e.g. "hwbp.v1.Arbiter"), its name and its shape.</summary>
    public Method(string serviceName, string name, MethodType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ServiceName = serviceName;
        Name = name;
        Type = type;
        FullName = $"/{serviceName}/{name}";
    }

    /// <summary>The service's full name, e.g. "hwbp.v1.Arbiter".</summary>
    public string ServiceName { get; }

    /// <summary>The method's name, e.g. "Reserve".</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 path, e.g. "/hwbp.v1.Arbiter/Reserve".</summary>
    public string FullName { get; }

    /// <summary>The method's shape.</summary>
    public MethodType Type { get; }

    /// <summary>Parses request messages.</summary>
    public MessageParser<TRequest> RequestParser { get; } = new(() => new TRequest());

    /// <summary>Parses response messages.</summary>
    public MessageParser<TResponse> ResponseParser { get; } = new(() => new TResponse());

    /// <summary>Creates a method from its protobuf descriptor, checking that the message types match.</summary>
    /// <exception cref="ArgumentException">The descriptor's input or output type is not TRequest or TResponse.</exception>
    public static Method<TRequest, TResponse> FromDescriptor(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        CheckType(descriptor, descriptor.InputType, typeof(TRequest));
        CheckType(descriptor, descriptor.OutputType, typeof(TResponse));
        return new Method<TRequest, TResponse>(descriptor.Service.FullName, descriptor.Name, TypeOf(descriptor));
    }

    /// <summary>Creates a method from a service descriptor and a method name.</summary>
    /// <exception cref="ArgumentException">The service has no such method, or its message types differ.</exception>
    public static Method<TRequest, TResponse> FromService(ServiceDescriptor service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        var descriptor = service.FindMethodByName(name)
            ?? throw new ArgumentException($"Service {service.FullName} has no method '{name}'.", nameof(name));
        return FromDescriptor(descriptor);
    }

    /// <inheritdoc />
    public override string ToString() => FullName;

    internal static MethodType TypeOf(MethodDescriptor descriptor) => (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        _ => MethodType.DuplexStreaming,
    };

    private static void CheckType(MethodDescriptor method, MessageDescriptor message, Type expected)
    {
        if (message.ClrType != expected)
        {
            throw new ArgumentException(
                $"Method {method.FullName} uses {message.FullName} ({message.ClrType?.Name}), not {expected.Name}.", nameof(method));
        }
    }
}
