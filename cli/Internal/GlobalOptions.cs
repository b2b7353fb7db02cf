using System.CommandLine;
using System.CommandLine.Parsing;
using HwbpCluster.Client;

namespace HwbpCluster.Cli.Internal;

/// <summary>The options every command takes: --node, --token, --json.</summary>
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
        Json = new Option<bool>("--json") { Description = "Machine output: one JSON object per line", Recursive = true };
    }

    public CliContext Context { get; }

    public Option<Uri[]> Node { get; }

    public Option<string?> Token { get; }

    public Option<bool> Json { get; }

    /// <summary>A client of the node (or nodes) the command line names.</summary>
    public HwbpClient Connect(ParseResult parsed) =>
        HwbpClient.Connect(parsed.GetRequiredValue(Node), new HwbpClientOptions
        {
            BearerToken = parsed.GetValue(Token) ?? Context.Environment("HWBP_TOKEN"),
            TimeProvider = Context.Time,
        });

    /// <summary>The printer for this command line's output mode.</summary>
    public Printer Printer(ParseResult parsed) => new(Context.Output, parsed.GetValue(Json));

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
