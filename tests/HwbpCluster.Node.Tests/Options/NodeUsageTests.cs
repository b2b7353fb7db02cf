using HwbpCluster.Node.Options;

namespace HwbpCluster.Node.Tests.Options;

/// <summary>--help prints node/README.md's switch table, and a switch the node does not know is refused rather than ignored.</summary>
public sealed class NodeUsageTests
{
    [Fact]
    public void Every_switch_the_node_reads_is_in_the_readme_table_that_help_prints()
    {
        var documented = NodeUsage.Rows().SelectMany(r => r.Names.Split(", ")).ToHashSet(StringComparer.Ordinal);

        Assert.All(NodeSwitches.Mappings.Keys.Append("--urls"), s => Assert.Contains(s, documented));
        Assert.Contains("--seeds   (default: none)", NodeUsage.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--nod-name", "--nod-name", "x")]
    [InlineData("--cpus=4 --sim-host 2", "--sim-host")]
    [InlineData("--verbose=true --urls http://127.0.0.1:0 -x", "-x")]
    public void The_first_unknown_switch_is_named(string line, string unknown, string? extra = null)
    {
        string[] args = [.. line.Split(' '), .. extra is null ? [] : new[] { extra }];

        Assert.Equal(unknown, NodeUsage.Unknown(args));
    }

    [Fact]
    public void Known_switches_with_values_configuration_paths_and_host_settings_pass()
    {
        string[] args =
        [
            "--node-name", "n2", "--urls", "http://127.0.0.1:0", "--verbose=true", "--Kestrel:Endpoints:E:Url=http://127.0.0.1:0",
            "--Logging:LogLevel:Default", "Debug", "--environment", "Development", "--labels=rack=a",
        ];

        Assert.Null(NodeUsage.Unknown(args));
    }
}
