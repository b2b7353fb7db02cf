using System.Net.Sockets;
using HwbpCluster.Node.Tests.Support;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>Connections are bounded: beyond --max-connections a connection is closed at once, and an idle one after --idle-timeout-ms.</summary>
public sealed class ConnectionLimitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_connection_beyond_the_limit_is_closed_at_once_while_the_others_stay()
    {
        await using var server = await NodeServer.StartAsync("--max-connections", "2", "--idle-timeout-ms", "60000");
        using var first = await ConnectAsync(server);
        using var second = await ConnectAsync(server);
        using var third = await ConnectAsync(server);

        Assert.True(await ClosedWithinAsync(third, TimeSpan.FromSeconds(5)), "the third connection was not closed");
        // Within the limit and the (long) idle timeout, a connection stays: the idle close below is the switch's doing.
        Assert.False(await ClosedWithinAsync(first, TimeSpan.FromSeconds(3)), "a connection within the limit was closed");
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_the_idle_timeout_and_the_node_keeps_serving()
    {
        await using var server = await NodeServer.StartAsync("--idle-timeout-ms", "1000");
        using var idle = await ConnectAsync(server);

        // Kestrel checks its timeouts once a second, so the close comes between 1 and about 2 s after the last byte.
        Assert.True(await ClosedWithinAsync(idle, TimeSpan.FromSeconds(10)), "the idle connection was still open after 10 s");
        Assert.Equal("h1", (await server.Client().CallAsync(Api.GetHost, new Protos.V1.GetHostRequest())).Host);
    }

    private static async Task<Socket> ConnectAsync(NodeServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(server.Address.Host, server.Address.Port, cts.Token);
        return socket;
    }

    // True when the node closed the connection (a read returns 0 bytes or fails) within the time given.
    private static async Task<bool> ClosedWithinAsync(Socket socket, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
