namespace HwbpCluster.Hosts.Internal;

/// <summary>Turns host names and session ids into readable parts of actor names.</summary>
internal static class ActorNames
{
    /// <summary>ASCII letters, digits, '-' and '_' as they are, any other character as '_', at most <paramref name="maxLength"/> of them.</summary>
    public static string Part(string text, int maxLength = int.MaxValue) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(maxLength).ToArray());
}
