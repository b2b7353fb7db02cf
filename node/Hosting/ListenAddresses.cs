using System.Net;

namespace HwbpCluster.Node.Hosting;

/// <summary>Which configured listen addresses are loopback: a node without tokens may only listen there.</summary>
internal static class ListenAddresses
{
    /// <summary>The addresses in a <c>--urls</c> value ("a;b") that are not loopback.</summary>
    public static IReadOnlyList<string> NonLoopback(string urls) => urls
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(url => !IsLoopback(url))
        .ToArray();

    private static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        var host = address.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
