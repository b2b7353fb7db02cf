using System.Text;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>One fuzz case exactly as sent: enough to send it again by hand.</summary>
/// <param name="Case">The case number; with the seed, it regenerates the same mutation.</param>
/// <param name="Kind">What was done to the request, e.g. "valid", "bytes:huge-length", "headers:grpc-timeout".</param>
/// <param name="Method">The method it was generated for.</param>
/// <param name="HttpMethod">POST, except for cases that try another verb.</param>
/// <param name="Path">The request path; not the method's own for cases that try an unknown one.</param>
/// <param name="Headers">Request headers, content-type included (absent when the case leaves it out).</param>
/// <param name="Body">The request body: gRPC length-prefixed frames, or whatever the mutation made of them.</param>
public sealed record FuzzRequest(
    long Case, string Kind, FuzzMethod Method, string HttpMethod, string Path, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    /// <summary>The request in words and hex.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"case {Case} ({Kind}): {HttpMethod} {Path}");
        foreach (var (name, value) in Headers)
        {
            text.Append($"\n  {name}: {(value.Length > 200 ? value[..200] + "..." : value)}");
        }

        var shown = Body.Length > 512 ? Convert.ToHexString(Body, 0, 512) + $"... ({Body.Length} bytes)" : Convert.ToHexString(Body);
        return text.Append($"\n  body: {shown}").ToString();
    }
}
