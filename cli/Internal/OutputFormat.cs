namespace HwbpCluster.Cli.Internal;

/// <summary>What --output asks for.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and lines for people.</summary>
    Text,

    /// <summary>One JSON object per line, in the shapes cli/README.md documents.</summary>
    Json,
}
