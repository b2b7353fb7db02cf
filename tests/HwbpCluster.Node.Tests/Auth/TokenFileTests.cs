using HwbpCluster.Arbitration;
using HwbpCluster.Node.Auth;

namespace HwbpCluster.Node.Tests.Auth;

public sealed class TokenFileTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"hwbp-tokens-{Guid.NewGuid():N}.json");

    [Fact]
    public void Tokens_carry_their_name_kinds_and_admin_flag()
    {
        File.WriteAllText(path, """
            {"tokens": [
              {"token": "t1", "name": "ci-perf", "kinds": ["PERF", "ptrace"]},
              {"token": "t2", "name": "root", "admin": true}
            ]}
            """);
        var tokens = TokenFile.Load(path);
        Assert.Equal("ci-perf", tokens["t1"].Name);
        Assert.True(tokens["t1"].Allows(ClientKind.Perf) && tokens["t1"].Allows(ClientKind.Ptrace));
        Assert.False(tokens["t1"].Allows(ClientKind.Kgdb) || tokens["t1"].Privileged);
        Assert.True(tokens["t2"].Allows(ClientKind.Kgdb) && tokens["t2"].Privileged);
    }

    [Fact]
    public void A_token_that_allows_kgdb_is_privileged()
    {
        File.WriteAllText(path, """{"tokens": [{"token": "k", "name": "kdb", "kinds": ["KGDB"]}]}""");
        Assert.True(TokenFile.Load(path)["k"].Privileged);
    }

    [Theory]
    [InlineData("""{"tokens": [{"token": "t", "name": "x", "kinds": ["DTRACE"]}]}""", "DTRACE")]
    [InlineData("""{"tokens": [{"name": "x"}]}""", "tokens[0]")]
    [InlineData("""{"tokens": []}""", "no tokens")]
    [InlineData("""{"tokens": [{"token": "t", "name": "a"}, {"token": "t", "name": "b"}]}""", "repeats")]
    [InlineData("""{"tokens": [{"token": "t1", "name": "a"}, {"token": "t2", "name": "a"}]}""", "repeats the name")]
    [InlineData("not json", "not valid JSON")]
    public void A_malformed_file_is_refused_saying_what_is_wrong(string text, string says)
    {
        File.WriteAllText(path, text);
        var ex = Assert.Throws<InvalidDataException>(() => TokenFile.Load(path));
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(path);
}
