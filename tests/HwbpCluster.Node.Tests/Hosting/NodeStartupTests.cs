using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_node_that_finds_itself_bound_beyond_loopback_fails_its_start_whatever_configured_it()
    {
        // Kestrel configured in code, where no configured address reveals it: only the bound addresses do.
        await using var app = NodeApp.Build(
            ["--urls", "http://127.0.0.1:0", "--backend", "sim"],
            services => services.Configure<KestrelServerOptions>(kestrel => kestrel.ListenAnyIP(0)));

        var ex = await Assert.ThrowsAsync<NodeStartupException>(() => app.StartAsync());

        Assert.Contains("--auth-tokens-file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[::]", ex.Message, StringComparison.Ordinal);
    }
}
