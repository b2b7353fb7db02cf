using Google.Protobuf;
using HwbpCluster.Rpc.Client.Internal;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Client;

/// <summary>The calls a channel makes.</summary>
public sealed partial class GrpcChannel
{
    /// <summary>Makes a unary call and returns its response.</summary>
    /// <exception cref="RpcException">The call ended with a non-OK status (with the server's trailers), or failed locally.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall<TResponse>(this, method.FullName, method.ResponseParser, options);
        call.Start(new UnaryRequestContent(MessageFraming.ToArray(request)));
        var (read, response) = await call.ReadMessageAsync(CancellationToken.None);
        if (!read)
        {
            throw new RpcException(StatusCode.Internal, "The server ended the call with OK but no response message.");
        }

        var (extra, _) = await call.ReadMessageAsync(CancellationToken.None);
        return extra
            ? throw new RpcException(StatusCode.Internal, "The server sent more than one response message to a unary call.")
            : response!;
    }

    /// <summary>Starts a server-streaming call; read its <see cref="ServerStreamingCall{TResponse}.ResponseStream"/>.</summary>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new ClientCall<TResponse>(this, method.FullName, method.ResponseParser, options);
        call.Start(new UnaryRequestContent(MessageFraming.ToArray(request)));
        return new ServerStreamingCall<TResponse>(call);
    }

    /// <summary>Starts a bidirectional (or client-streaming) call: write requests and read responses at once.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(
        Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new ClientCall<TResponse>(this, method.FullName, method.ResponseParser, options);
        var content = new DuplexRequestContent();
        call.Start(content);
        return new DuplexStreamingCall<TRequest, TResponse>(call, content);
    }
}
