using HwbpCluster.Node.Options;
using Microsoft.Extensions.Configuration;

namespace HwbpCluster.Node.Tests.Options;

public sealed class HwbpNodeOptionsTests
{
    [Fact]
    public void Every_documented_switch_sets_its_option()
    {
        var options = Bind(
            "--node-name", "n7", "--host-name", "box", "--backend", "linux", "--arch", "arm64", "--cpus", "8", "--sim-hosts", "1",
            "--labels", "rack=a,role=db", "--session-ttl-ms", "2500", "--auth-tokens-file", "/etc/t.json",
            "--seeds", "http://127.0.0.1:7071,http://127.0.0.1:7072", "--watch-buffer", "64", "--max-wait-ms", "30000",
            "--flexible-slice-ms", "20", "--idle-collect-seconds", "0", "--hit-wakeup", "64");
        Assert.Equal(("n7", "box", "linux", "arm64", 8), (options.NodeName, options.HostName, options.Backend, options.Arch, options.Cpus));
        Assert.Equal(
            ("rack=a,role=db", 2500, "/etc/t.json", 64),
            (options.Labels, options.SessionTtlMs, options.AuthTokensFile, options.WatchBufferCapacity));
        Assert.Equal("http://127.0.0.1:7071,http://127.0.0.1:7072", options.Seeds);
        Assert.Equal((30_000, 20, 0, 64), (options.MaxWaitMs, options.FlexibleSliceMs, options.IdleCollectSeconds, options.HitWakeup));
    }

    [Fact]
    public void Defaults_start_one_simulated_x86_host_named_h1_with_a_ten_second_lease()
    {
        var options = Bind();
        Assert.Equal(
            ("n1", "h1", "sim", "x86-64", 1, 10_000),
            (options.NodeName, options.HostName, options.Backend, options.Arch, options.SimHosts, options.SessionTtlMs));
        Assert.Equal(["h1"], options.HostNames());
        Assert.True(new HwbpNodeOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Several_simulated_hosts_are_numbered_after_the_host_name() =>
        Assert.Equal(["h1-0", "h1-1", "h1-2"], Bind("--sim-hosts", "3").HostNames());

    [Theory]
    [InlineData("--backend", "qemu", "--backend")]
    [InlineData("--arch", "mips", "--arch")]
    [InlineData("--cpus", "5000", "--cpus")]
    [InlineData("--sim-hosts", "0", "--sim-hosts")]
    [InlineData("--session-ttl-ms", "0", "--session-ttl-ms")]
    [InlineData("--labels", "rack", "--labels")]
    [InlineData("--labels", "a=1,a=2", "--labels")]
    [InlineData("--seeds", "127.0.0.1:7071", "--seeds")]
    [InlineData("--auth-tokens-file", "/nonexistent/tokens.json", "--auth-tokens-file")]
    [InlineData("--host-name", "a/b", "--host-name")]
    [InlineData("--watch-buffer", "0", "--watch-buffer")]
    [InlineData("--max-wait-ms", "90000000", "--max-wait-ms")]
    [InlineData("--max-wait-ms", "-1", "--max-wait-ms")]
    [InlineData("--flexible-slice-ms", "0", "--flexible-slice-ms")]
    [InlineData("--flexible-slice-ms", "10001", "--flexible-slice-ms")]
    [InlineData("--hit-wakeup", "0", "--hit-wakeup")]
    [InlineData("--hit-wakeup", "1025", "--hit-wakeup")]
    [InlineData("--idle-collect-seconds", "-1", "--idle-collect-seconds")]
    [InlineData("--idle-collect-seconds", "3601", "--idle-collect-seconds")]
    public void A_bad_value_fails_validation_naming_the_switch(string name, string value, string named)
    {
        var result = new HwbpNodeOptionsValidator().Validate(null, Bind(name, value));
        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_parse_into_key_value_pairs()
    {
        var labels = ListSyntax.ParseLabels(" rack=a , role=db ", out var error);
        Assert.Null(error);
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "a", ["role"] = "db" }, labels);
    }

    private static HwbpNodeOptions Bind(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args, NodeSwitches.Mappings).Build();
        var options = new HwbpNodeOptions();
        configuration.GetSection(HwbpNodeOptions.SectionName).Bind(options);
        return options;
    }
}
