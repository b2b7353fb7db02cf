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

    /// <summary>The addresses written as IPv4-mapped IPv6 (<c>[::ffff:127.0.0.1]</c>), which Kestrel cannot listen on.</summary>
    public static IReadOnlyList<string> Ipv4Mapped(IEnumerable<string> urls) =>
        urls.Where(url => Ip(url) is { IsIPv4MappedToIPv6: true }).ToArray();

    /// <summary>Whether <paramref name="host"/> (a name or an address, brackets allowed) reaches this machine only.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsLoopback(string url) => Host(url) is { } host && IsLoopbackHost(host);

    private static IPAddress? Ip(string url) => IPAddress.TryParse(Host(url), out var ip) ? ip : null;

    private static string? Host(string url)
    {
        try
        {
            return BindingAddress.Parse(url).Host.Trim('[', ']');
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
