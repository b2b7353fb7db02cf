using System.Reflection;

namespace HwbpCluster.Rpc.Tests;

/// <summary>The public surface of HwbpCluster.Rpc is recorded in PublicApi.approved.txt: changing it is a deliberate act.</summary>
public sealed class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Public_api_matches_the_approved_surface()
    {
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt");
        var actual = Describe(typeof(Metadata).Assembly);
        var approved = File.ReadAllLines(approvedPath).Where(l => l.Length > 0).ToArray();

        var added = actual.Except(approved).ToArray();
        var removed = approved.Except(actual).ToArray();
        Assert.True(
            added.Length == 0 && removed.Length == 0,
            $"Public API changed (update tests/HwbpCluster.Rpc.Tests/PublicApi.approved.txt if meant).\n" +
            $"Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
    }

    private static string[] Describe(Assembly assembly) =>
        assembly.GetExportedTypes()
            .SelectMany(type => type.GetMembers(Declared)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m.DeclaringType == type)
                .Select(m => $"{type.FullName}::{m.MemberType} {m}")
                .Prepend($"{type.FullName} ({Kind(type)})"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };
}
