using System.Reflection;

namespace HwbpCluster.Client.Tests;

/// <summary>The SDK's public surface is recorded in PublicApi.approved.txt, so changing it is a deliberate, reviewed act.</summary>
public sealed class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void The_public_api_is_the_approved_one()
    {
        var approved = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt")).Where(l => l.Length > 0).ToArray();
        var actual = Surface(typeof(HwbpClient).Assembly);

        var added = actual.Except(approved).ToArray();
        var removed = approved.Except(actual).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            "The SDK's public API changed; if meant, update tests/HwbpCluster.Client.Tests/PublicApi.approved.txt.\n" +
            $"Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
    }

    [Fact]
    public void Every_public_class_is_sealed_or_static()
    {
        var open = typeof(HwbpClient).Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsSealed).Select(t => t.FullName);
        Assert.Empty(open);
    }

    private static string[] Surface(Assembly assembly) =>
        [.. assembly.GetExportedTypes()
            .SelectMany(type => type.GetMembers(Declared)
                .Where(member => member is not MethodInfo { IsSpecialName: true })
                .Select(member => $"{type.FullName}::{member.MemberType} {member}")
                .Prepend($"{type.FullName} ({(type.IsSealed ? type.IsAbstract ? "static" : "sealed" : "open")})"))
            .Order(StringComparer.Ordinal)];
}
