using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client.Tests;

public sealed class HostSelectorsTests
{
    [Fact]
    public void Host_selectors_name_hosts_or_labels()
    {
        Assert.Equal(["h1", "h2"], HostSelectors.Named("h1", "h2").Hosts);
        var labelled = HostSelectors.Labelled("role", "db");
        Assert.Equal("db", labelled.Labels["role"]);
        Assert.Empty(labelled.Hosts);
        Assert.Equal(new HostSelector { Labels = { ["a"] = "1", ["b"] = "2" } },
            HostSelectors.Labelled(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
    }
}
