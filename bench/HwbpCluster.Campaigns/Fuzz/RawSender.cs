using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>Sends fuzz requests over HTTP/2 without TLS (h2c) and reads what the node put on the wire, status and first message.</summary>
public sealed class RawSender(Uri address) : IDisposable
{
    /// <summary>A unary call gets this long to answer; a valid Reserve may queue for up to the node's --max-wait-ms first.</summary>
    public static readonly TimeSpan UnaryBound = TimeSpan.FromSeconds(15);

    /// <summary>A watch that is still open after this long is hung up on: it is working as meant.</summary>
    public static readonly TimeSpan StreamWindow = TimeSpan.FromMilliseconds(300);

    private readonly HttpClient http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        BaseAddress = address,
    };

    /// <summary>Sends <paramref name="request"/> and reports the answer; never throws for what the node does.</summary>
    public async Task<FuzzOutcome> SendAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(UnaryBound);
        using var message = Build(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, bound.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new FuzzOutcome(null, 0, Describe(e), StreamOpen: false, TransportError: true, []);
        }

        using (response)
        {
            // Whatever was done to its headers, a watch the node accepted streams like a valid one.
            var streaming = Header(response, "grpc-status") is null && request.Method.ServerStreaming;
            using var window = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);

            // A valid watch streams until its session ends: give it a short window, then hang up (RST_STREAM CANCEL).
            window.CancelAfter(streaming ? StreamWindow : UnaryBound);
            try
            {
                return await ReadAllAsync(response, window.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return streaming
                    ? new FuzzOutcome(null, (int)response.StatusCode, string.Empty, StreamOpen: true, TransportError: false, [])
                    : new FuzzOutcome(null, (int)response.StatusCode, $"no end of call within {UnaryBound}", StreamOpen: false, TransportError: true, []);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new FuzzOutcome(null, (int)response.StatusCode, Describe(e), StreamOpen: false, TransportError: true, []);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static async Task<FuzzOutcome> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = Header(response, "grpc-status");
        return new FuzzOutcome(
            status is null ? null : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            (int)response.StatusCode,
            Uri.UnescapeDataString(Header(response, "grpc-message") ?? string.Empty),
            StreamOpen: false,
            TransportError: false,
            FirstMessage(body));
    }

    private static HttpRequestMessage Build(FuzzRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), request.Path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (request.HttpMethod == "POST")
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name == "content-type")
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (message.Content is not null && !request.Headers.Any(h => h.Name == "content-type"))
        {
            // ByteArrayContent sends no content-type of its own; say so explicitly for the reader of this code.
            message.Content.Headers.ContentType = null;
        }

        return message;
    }

    // Best effort, only to learn ids for later cases: a gRPC-Web answer (flag 0x80 trailer frames) or a payload that does not
    // decompress yields nothing.
    private static byte[] FirstMessage(byte[] body)
    {
        if (body.Length < 5 || body[0] > 1)
        {
            return [];
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
        if (length > body.Length - 5)
        {
            return [];
        }

        var payload = body.AsSpan(5, (int)length).ToArray();
        if (body[0] == 0)
        {
            return payload;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    private static string Describe(Exception e) => e.InnerException is null ? $"{e.GetType().Name}: {e.Message}" : $"{e.Message} ({Describe(e.InnerException)})";
}
