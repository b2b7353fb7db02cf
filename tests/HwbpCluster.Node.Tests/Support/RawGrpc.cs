using System.Net;
using System.Net.Http.Headers;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>Hand-made gRPC requests (frames the generated clients never send), answered with the status the node put on the wire.</summary>
internal static class RawGrpc
{
    /// <summary>A length-prefixed gRPC message frame around <paramref name="payload"/>, uncompressed.</summary>
    public static byte[] Frame(params byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> over HTTP/2 and returns grpc-status and grpc-message.</summary>
    public static async Task<(int Status, string Message)> SendAsync(
        Uri address, string path, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (int.Parse(Header(response, "grpc-status") ?? "-1", System.Globalization.CultureInfo.InvariantCulture),
            Uri.UnescapeDataString(Header(response, "grpc-message") ?? string.Empty));
    }

    /// <summary>Starts a call whose request body stops after <paramref name="prefix"/>, then resets the stream (RST_STREAM CANCEL).</summary>
    public static async Task ResetMidRequestAsync(Uri address, string path, byte[] prefix)
    {
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource();
        var sent = new TaskCompletionSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StalledContent(prefix, sent),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var call = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(20);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? values.Single()
            : null;

    // Sends its prefix, flushes, then never completes: the server is left waiting for the rest of the request.
    private sealed class StalledContent(byte[] prefix, TaskCompletionSource sent) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(prefix, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
