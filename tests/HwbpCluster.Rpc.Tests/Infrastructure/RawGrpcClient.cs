using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>A bare HTTP/2 client that sends hand-made gRPC requests, to test what the server does with bad ones.</summary>
public sealed class RawGrpcClient(Uri address) : IDisposable
{
    private readonly HttpMessageInvoker invoker = new(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true);

    public static byte[] Frame(byte flag, ReadOnlySpan<byte> message, int? declaredLength = null)
    {
        var bytes = new byte[5 + message.Length];
        bytes[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), (uint)(declaredLength ?? message.Length));
        message.CopyTo(bytes.AsSpan(5));
        return bytes;
    }

    public async Task<RawResponse> PostAsync(
        string path, byte[] body, string contentType = "application/grpc", IEnumerable<(string Name, string Value)>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await invoker.SendAsync(request, CancellationToken.None);
        var content = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(
            response.StatusCode,
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)),
            response.TrailingHeaders.ToDictionary(h => h.Key, h => string.Join(",", h.Value)),
            content);
    }

    public void Dispose() => invoker.Dispose();
}
