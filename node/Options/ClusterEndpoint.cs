using System.Globalization;

namespace HwbpCluster.Node.Options;

/// <summary>Where cluster traffic listens, from <c>--cluster-urls</c>: <c>tcp://HOST:PORT</c> (or <c>HOST:PORT</c>), one address.</summary>
internal sealed record ClusterEndpoint(string Host, int Port)
{
    /// <summary>Whether only this machine can reach it.</summary>
    public bool IsLoopback => Hosting.ListenAddresses.IsLoopbackHost(Host);

    /// <summary>Parses the switch's value; false with an error text that says what is wrong.</summary>
    public static bool TryParse(string text, out ClusterEndpoint endpoint, out string? error)
    {
        endpoint = new ClusterEndpoint("127.0.0.1", 0);
        error = null;
        var value = text.Trim();
        value = value.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) ? value["tcp://".Length..] : value;
        var colon = value.LastIndexOf(':');
        if (value.Contains(',', StringComparison.Ordinal) || colon <= 0
            || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{text}' is not one address of the form tcp://HOST:PORT (port 0 = a free one)";
            return false;
        }

        endpoint = new ClusterEndpoint(value[..colon].Trim('[', ']'), port);
        return true;
    }
}
