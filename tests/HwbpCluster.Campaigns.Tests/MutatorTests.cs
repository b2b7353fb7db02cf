using HwbpCluster.Campaigns.Fuzz;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>A seed and a case number name one request: what a failure prints is enough to make it again.</summary>
public sealed class MutatorTests
{
    [Fact]
    public void The_same_seed_and_case_make_the_same_request_whatever_order_cases_are_made_in()
    {
        var first = new Mutator(7, new MessageGenerator(new IdPool()));
        var second = new Mutator(7, new MessageGenerator(new IdPool()));
        var forward = Enumerable.Range(0, 500).Select(i => first.Make(i)).ToList();
        var backward = Enumerable.Range(0, 500).Reverse().Select(i => second.Make(i)).Reverse().ToList();

        Assert.Equal(forward.Select(Key), backward.Select(Key));
    }

    [Fact]
    public void Another_seed_makes_other_requests_and_every_method_and_kind_of_damage_comes_up()
    {
        var a = Enumerable.Range(0, 2_000).Select(i => new Mutator(1, new MessageGenerator(new IdPool())).Make(i)).ToList();
        var b = Enumerable.Range(0, 2_000).Select(i => new Mutator(2, new MessageGenerator(new IdPool())).Make(i)).ToList();

        Assert.NotEqual(a.Select(Key), b.Select(Key));
        Assert.Equal(FuzzMethod.All.Count, a.Select(r => r.Method.Path).Distinct().Count());
        var families = a.Select(r => r.Kind.Split(':')[0]).ToHashSet();
        Assert.Equal(["bytes", "frame", "headers", "path", "valid"], families.Order());
        Assert.Contains(a, r => r.Kind == "bytes:huge-length");
        Assert.Contains(a, r => r.Kind == "headers:grpc-timeout");
    }

    private static string Key(FuzzRequest r) =>
        $"{r.Kind} {r.HttpMethod} {r.Path} {string.Join(";", r.Headers)} {Convert.ToHexString(r.Body)}";
}
