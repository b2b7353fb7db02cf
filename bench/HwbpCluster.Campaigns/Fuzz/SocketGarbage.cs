using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>Raw bytes that speak no protocol, or half of one, sent on a listening socket; the node must shrug them off.</summary>
public static class SocketGarbage
{
    private static readonly byte[] Http2Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    /// <summary>Kinds of garbage, by name; each makes its bytes from the random source.</summary>
    public static IReadOnlyList<(string Kind, Func<Random, byte[]> Make)> Kinds { get; } =
    [
        ("random", r => Bytes(r, r.Next(1, 65_536))),
        ("h2-preface-then-random", r => [.. Http2Preface, .. Bytes(r, r.Next(1, 4096))]),
        ("h2-preface-then-bad-frame", r => [.. Http2Preface, 0xff, 0xff, 0xff, (byte)r.Next(256), 0xff, 0x7f, 0xff, 0xff, 0xff, .. Bytes(r, 64)]),
        ("http1-huge-header", r => Encoding.ASCII.GetBytes($"POST /x HTTP/1.1\r\nHost: a\r\nX: {new string('a', r.Next(10_000, 200_000))}\r\n\r\n")),
        ("http1-bad-request-line", r => [.. Encoding.ASCII.GetBytes("GET "), .. Bytes(r, r.Next(1, 512)), 13, 10, 13, 10]),
        ("tls-client-hello", r => [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, .. Bytes(r, 500)]),
        ("length-prefixed-huge", r => [0x7f, 0xff, 0xff, 0xff, .. Bytes(r, r.Next(0, 256))]),
        ("nothing", _ => []),
    ];

    /// <summary>Opens one connection to <paramref name="port"/>, sends garbage kind <paramref name="kind"/>, reads briefly, closes.</summary>
    /// <returns>What happened, for the tallies: "closed-by-node", "answered", "still-open" or "refused".</returns>
    public static async Task<string> SendAsync(int port, int kind, Random random, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        }
        catch (SocketException)
        {
            return "refused";
        }

        var stream = client.GetStream();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            await stream.WriteAsync(Kinds[kind].Make(random), window.Token);
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer, window.Token);
            return read == 0 ? "closed-by-node" : "answered";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "still-open";
        }
        catch (IOException)
        {
            // The node reset the connection mid-write or mid-read: it refused the garbage, which is what we want.
            return "closed-by-node";
        }
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
