using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>Shorthands for the hosts a fleet call targets.</summary>
public static class HostSelectors
{
    /// <summary>These hosts, by name.</summary>
    public static HostSelector Named(params IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return new HostSelector { Hosts = { hosts } };
    }

    /// <summary>Every host whose node carries all of <paramref name="labels"/>, e.g. role=db.</summary>
    public static HostSelector Labelled(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var selector = new HostSelector();
        foreach (var (key, value) in labels)
        {
            selector.Labels[key] = value;
        }

        return selector;
    }

    /// <summary>Every host whose node carries the label <paramref name="key"/>=<paramref name="value"/>.</summary>
    public static HostSelector Labelled(string key, string value) => Labelled([new KeyValuePair<string, string>(key, value)]);
}
