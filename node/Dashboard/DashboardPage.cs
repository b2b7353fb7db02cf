using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The dashboard as one document: index.html with dashboard.css and dashboard.js (all embedded in the node's assembly)
/// written into it, composed once, and a content security policy that allows exactly those two inline blocks by their hashes.</summary>
/// <remarks>
/// One request instead of three: the browser runs the script (which opens the stream) as soon as it has parsed the page, rather
/// than after two more round trips (which took 50–120 ms each on a busy machine, and scripts wait for stylesheets). The policy
/// still allows nothing from anywhere else: no other origin, no other inline script or style, no style attributes.
/// </remarks>
internal static class DashboardPage
{
    private const string StylesheetTag = """<link rel="stylesheet" href="dashboard.css">""";
    private const string ScriptTag = """<script src="dashboard.js"></script>""";

    private static readonly Lazy<(byte[] Html, string Policy)> Composed = new(Compose);

    /// <summary>The page, UTF-8.</summary>
    public static byte[] Html => Composed.Value.Html;

    /// <summary>Its content security policy.</summary>
    public static string Policy => Composed.Value.Policy;

    private static (byte[], string) Compose()
    {
        var html = Read("index.html");
        var css = Read("dashboard.css");
        var js = Read("dashboard.js");
        if (!html.Contains(StylesheetTag, StringComparison.Ordinal) || !html.Contains(ScriptTag, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the dashboard's index.html no longer names dashboard.css and dashboard.js as the page expects");
        }

        var page = html.Replace(StylesheetTag, $"<style>{css}</style>", StringComparison.Ordinal)
            .Replace(ScriptTag, $"<script>{js}</script>", StringComparison.Ordinal);
        var policy = $"default-src 'self'; script-src '{Hash(js)}'; style-src '{Hash(css)}'; img-src 'self' data:; frame-ancestors 'none'";
        return (Encoding.UTF8.GetBytes(page), policy);
    }

    // CSP's hash source: the SHA-256 of the block's text exactly as it stands between its tags, in base64.
    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"the dashboard asset '{name}' is not embedded in the node's assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
