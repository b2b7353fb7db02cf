using System.Globalization;
using HwbpCluster.Node.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Where the node listens: gRPC over h2c on <c>--urls</c>, gRPC-Web and /metrics over HTTP/1.1 on <c>--web-urls</c>.</summary>
/// <param name="Grpc">The gRPC addresses (HTTP/2 only: cleartext HTTP/2 needs prior knowledge, which Http1AndHttp2 does not offer).</param>
/// <param name="Web">The web addresses (HTTP/1.1 only: browsers never speak h2c); empty when off.</param>
internal sealed record NodeEndpoints(IReadOnlyList<string> Grpc, IReadOnlyList<string> Web)
{
    /// <summary>The endpoints from the <c>--urls</c> setting (default <see cref="NodeApp.DefaultUrl"/>) and <c>--web-urls</c>.</summary>
    public static NodeEndpoints From(string? urls, IConfiguration configuration) => new(
        Split(string.IsNullOrWhiteSpace(urls) ? NodeApp.DefaultUrl : urls),
        Split(configuration.GetSection(HwbpNodeOptions.SectionName)[nameof(HwbpNodeOptions.WebUrls)]));

    /// <summary>An endpoint filter for what browsers and scrapers reach on the web endpoint (HTTP/1.1): 404 on the gRPC endpoint.</summary>
    public static async ValueTask<object?> WebOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Protocol == "HTTP/1.1" ? await next(context) : Results.NotFound();

    /// <summary>Every address, gRPC and web.</summary>
    public IEnumerable<string> All => Grpc.Concat(Web);

    /// <summary>Kestrel's endpoint configuration (section <c>Kestrel:Endpoints</c>) for these addresses.</summary>
    public Dictionary<string, string?> KestrelConfiguration()
    {
        var settings = new Dictionary<string, string?>();
        Add(settings, "grpc", Grpc, "Http2");
        Add(settings, "web", Web, "Http1");
        return settings;
    }

    private static void Add(Dictionary<string, string?> settings, string name, IReadOnlyList<string> urls, string protocols)
    {
        for (var i = 0; i < urls.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"Kestrel:Endpoints:{name}{i}");
            settings[key + ":Url"] = urls[i];
            settings[key + ":Protocols"] = protocols;
        }
    }

    private static string[] Split(string? urls) =>
        urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
