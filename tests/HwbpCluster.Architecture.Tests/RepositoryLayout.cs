using System.Xml.Linq;

namespace HwbpCluster.Architecture.Tests;

/// <summary>Finds the repository root and reads the project graph from the .csproj files.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every project under the source folders, by name, with the names of the projects it references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SourceProjects() =>
        new[] { "protos", "actors", "node", "sdk", "cli", "demo" }
            .Select(folder => Path.Combine(Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), path => (IReadOnlyList<string>)ReferencedProjects(path));

    public static IReadOnlyList<string> ReferencedProjects(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(element => Path.GetFileNameWithoutExtension(((string?)element.Attribute("Include") ?? "").Replace('\\', '/')))
            .ToList();

    public static IReadOnlyList<string> PackagesOf(string projectName)
    {
        var path = Directory.EnumerateFiles(Root, projectName + ".csproj", SearchOption.AllDirectories).Single();
        return XDocument.Load(path).Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HwbpCluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HwbpCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
