using System.CommandLine;
using System.CommandLine.Parsing;
using HwbpCluster.Client;

namespace HwbpCluster.Cli.Internal;

/// <summary>The options every command takes: --node, --token, --output (and --json, its short form).</summary>
internal sealed class GlobalOptions
{
    /// <summary>The node called when neither --node nor HWBP_NODE says otherwise.</summary>
    public const string DefaultNode = "http://127.0.0.1:7070";

    public GlobalOptions(CliContext context)
    {
        Context = context;
        Node = new Option<Uri[]>("--node")
        {
            Description = "The node to call, or several comma-separated to fail over between (env HWBP_NODE)",
            HelpName = "url",
            Recursive = true,
            DefaultValueFactory = result => FromEnvironment(result, context.Environment("HWBP_NODE")),
            CustomParser = result => Parsers.Addresses(result),
        };
        // No DefaultValueFactory: help would print HWBP_TOKEN's value as the default.
        Token = new Option<string?>("--token") { Description = "Bearer token (env HWBP_TOKEN)", Recursive = true };
        Output = new Option<OutputFormat>("--output", "-o")
        {
            Description = "text (tables and lines) or json (one object per line, shapes in cli/README.md)",
            HelpName = "text|json",
            Recursive = true,
        };
        Json = new Option<bool>("--json") { Description = "Same as --output json", Recursive = true };
        Ca = new Option<FileInfo?>("--ca") { Description = "https nodes: the CA (PEM) their certificates chain to (env HWBP_CA)", Recursive = true };
        Cert = new Option<FileInfo?>("--cert") { Description = "https nodes asking for client certificates: this client's (PEM)", Recursive = true };
        Key = new Option<FileInfo?>("--key") { Description = "The private key (PEM) of --cert", Recursive = true };
    }

    public CliContext Context { get; }

    public Option<Uri[]> Node { get; }

    public Option<string?> Token { get; }

    public Option<OutputFormat> Output { get; }

    public Option<bool> Json { get; }

    public Option<FileInfo?> Ca { get; }

    public Option<FileInfo?> Cert { get; }

    public Option<FileInfo?> Key { get; }

    /// <summary>A client of the node (or nodes) the command line names.</summary>
    public HwbpClient Connect(ParseResult parsed) =>
        HwbpClient.Connect(parsed.GetRequiredValue(Node), new HwbpClientOptions
        {
            BearerToken = parsed.GetValue(Token) ?? Context.Environment("HWBP_TOKEN"),
            TimeProvider = Context.Time,
            TrustedCertificateAuthority = TlsFiles.Ca(parsed.GetValue(Ca)?.FullName ?? Context.Environment("HWBP_CA")),
            ClientCertificate = TlsFiles.ClientCertificate(parsed.GetValue(Cert), parsed.GetValue(Key)),
        });

    /// <summary>The printer for this command line's output mode.</summary>
    public Printer Printer(ParseResult parsed) => new(Context.Output, parsed.GetValue(Json) || parsed.GetValue(Output) == OutputFormat.Json);

    /// <summary>HWBP_NODE when set (a usage error when it is not a list of node addresses), else the default node.</summary>
    private static Uri[] FromEnvironment(ArgumentResult result, string? node)
    {
        if (string.IsNullOrEmpty(node))
        {
            return [new Uri(DefaultNode)];
        }

        if (Parsers.TryAddresses(node, out var uris))
        {
            return uris;
        }

        result.AddError($"HWBP_NODE '{node}' is not a node address such as {DefaultNode} (or several, comma-separated)");
        return [new Uri(DefaultNode)];
    }
}
