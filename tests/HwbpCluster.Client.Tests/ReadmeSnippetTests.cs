using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HwbpCluster.Client.Tests;

/// <summary>Every ```csharp block of sdk/HwbpCluster.Client/README.md compiles as written, as a console program of its own.</summary>
public sealed partial class ReadmeSnippetTests
{
    // The global usings of an SDK-style console project (ImplicitUsings), which a reader's project has too.
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static TheoryData<int> Snippets() => [.. Enumerable.Range(0, Blocks().Count)];

    [Fact]
    public void The_readme_has_the_snippets_it_promises()
    {
        Assert.True(Blocks().Count >= 3, "the SDK README should show at least three C# snippets");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void A_snippet_compiles_as_written(int index)
    {
        var snippet = Blocks()[index];
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            $"snippet{index}",
            [CSharpSyntaxTree.ParseText(snippet, parse), CSharpSyntaxTree.ParseText(ImplicitUsings, parse)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        Assert.True(errors.Length == 0, $"snippet {index}:\n{snippet}\n{string.Join("\n", errors.Select(e => e.ToString()))}");
    }

    private static List<string> Blocks()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SdkReadme.md"));
        return [.. CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value)];
    }

    /// <summary>The framework's assemblies and this test's (the SDK, its messages, Grpc.Core.Api, Grpc.Net.Client, Google.Protobuf).</summary>
    private static MetadataReference[] References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f) is "HwbpCluster.Client.dll" or "HwbpCluster.Protos.dll" or "Grpc.Core.Api.dll" or "Grpc.Net.Client.dll" or "Google.Protobuf.dll");
        return [.. framework.Concat(local).Distinct().Select(f => MetadataReference.CreateFromFile(f))];
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
