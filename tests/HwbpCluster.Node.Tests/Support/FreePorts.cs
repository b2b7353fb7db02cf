using System.Net;
using System.Net.Sockets;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>A loopback port free right now, for a node that must know its address before it starts (a seed).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
