using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Node.Tests.Hosting;

public sealed class NodeStartupTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:7070")]
    public void A_node_without_tokens_refuses_a_non_loopback_address(string url)
    {
        var ex = Assert.Throws<NodeStartupException>(() => NodeApp.Build(["--urls", url, "--backend", "sim"]));
        Assert.Contains("--auth-tokens-file", ex.Message, StringComparison.Ordinal);
    }
}
