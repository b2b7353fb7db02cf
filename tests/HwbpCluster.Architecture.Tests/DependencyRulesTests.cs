namespace HwbpCluster.Architecture.Tests;

/// <summary>The dependency rules of docs/ARCHITECTURE.md, checked against the project files.</summary>
public sealed class DependencyRulesTests
{
    /// <summary>What each source project may reference; a project not listed here is a new project the rules must name.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["HwbpCluster.Arbitration"] = [],
        ["HwbpCluster.Protos"] = [],
        ["HwbpCluster.Hosts"] = ["HwbpCluster.Arbitration"],
        ["HwbpCluster.Linux"] = ["HwbpCluster.Hosts", "HwbpCluster.Arbitration"],
        ["HwbpCluster.Cluster"] = ["HwbpCluster.Hosts", "HwbpCluster.Arbitration"],
        ["HwbpCluster.Node"] = ["*"],
        ["HwbpCluster.Client"] = ["HwbpCluster.Protos"],
        ["HwbpCluster.Cli"] = ["HwbpCluster.Client", "HwbpCluster.Protos"],

        // The demo starts the node's executable (NodeProcess) and drives it through the SDK only.
        ["HwbpCluster.Demo"] = ["HwbpCluster.Node", "HwbpCluster.Client", "HwbpCluster.Protos"],
    };

    public static TheoryData<string> SourceProjectNames() => new(RepositoryLayout.SourceProjects().Keys.Order());

    [Theory]
    [MemberData(nameof(SourceProjectNames))]
    public void Every_source_project_references_only_what_the_architecture_allows(string project)
    {
        Assert.True(Allowed.TryGetValue(project, out var allowed), $"{project} is not named in the dependency rules");
        // "*": the composition root may reference every project.
        var forbidden = allowed.Contains("*") ? [] : RepositoryLayout.SourceProjects()[project].Except(allowed).ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)}");
    }

    [Theory]
    [InlineData("HwbpCluster.Client")]
    [InlineData("HwbpCluster.Cli")]
    [InlineData("HwbpCluster.Protos")]
    public void Clients_and_the_contract_carry_no_grpc_server(string project) =>
        Assert.DoesNotContain(RepositoryLayout.PackagesOf(project), package => package.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal));

    [Fact]
    public void The_arbitration_core_is_pure_with_no_packages_and_no_project_references()
    {
        Assert.Empty(RepositoryLayout.SourceProjects()["HwbpCluster.Arbitration"]);
        Assert.Empty(RepositoryLayout.PackagesOf("HwbpCluster.Arbitration"));
    }

    [Fact]
    public void Only_the_host_actors_the_cluster_and_the_composition_root_reference_akka()
    {
        var users = RepositoryLayout.SourceProjects().Keys
            .Where(project => RepositoryLayout.PackagesOf(project).Any(package => package.StartsWith("Akka", StringComparison.Ordinal)))
            .Order()
            .ToArray();

        Assert.Equal(["HwbpCluster.Cluster", "HwbpCluster.Hosts", "HwbpCluster.Node"], users);
    }

    [Fact]
    public void The_arbitration_core_reads_no_clock_and_does_no_io()
    {
        var folder = Path.Combine(RepositoryLayout.Root, "actors", "HwbpCluster.Arbitration");
        string[] banned = ["DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.UtcNow", "Stopwatch", "TimeProvider", "System.IO",
            "File.", "Console.", "Thread.Sleep", "Task.Delay", "Environment.TickCount", "System.Net"];
        var offences = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(path => banned.Where(File.ReadAllText(path).Contains).Select(word => $"{Path.GetFileName(path)}: {word}"))
            .ToList();
        Assert.True(offences.Count == 0, "the pure core must not use: " + string.Join("; ", offences));
    }
}
